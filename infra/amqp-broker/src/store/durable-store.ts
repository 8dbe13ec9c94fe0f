import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Vhost } from '../model/vhost.js';
import { fromJson, toJson } from './snapshot.codec.js';
import { restoreSnapshot, takeSnapshot, type Snapshot } from './snapshot.js';

const SAVE_DELAY_MS = 100;

/** Where a publisher confirm waits until the message it confirms is on disk. */
export interface Durability {
  /**
   * Calls `done(true)` once the durable state as it is now has been written
   * and fsync'd, or `done(false)` if that write failed.
   */
  afterWrite(done: (written: boolean) => void): void;
}

/**
 * Keeps durable state in `<dataDir>/vhost.json`, rewritten atomically (write,
 * fsync, rename, fsync the directory). A change nobody waits for is written
 * at most 100 ms later; a publisher confirm waits for a write that holds its
 * message, started at once. Writes never overlap: what asks during one is
 * gathered into the next, so one fsync confirms a whole batch (group commit).
 */
export class DurableStore implements Durability {
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private writing: Promise<void> | undefined;
  private writeAgain = false;
  private waiting: ((written: boolean) => void)[] = [];

  private constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly vhost: Vhost,
  ) {}

  static async open(dataDir: string, vhost: Vhost): Promise<DurableStore> {
    await mkdir(dataDir, { recursive: true });
    const store = new DurableStore(dataDir, join(dataDir, 'vhost.json'), vhost);
    const text = await readFile(store.file, 'utf8').catch(() => undefined);
    if (text !== undefined) restoreSnapshot(vhost, fromJson(text) as Snapshot);
    vhost.onChange = () => {
      store.requestWrite(false);
    };
    return store;
  }

  afterWrite(done: (written: boolean) => void): void {
    this.waiting.push(done);
    this.requestWrite(true);
  }

  async close(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
    await this.startWriting();
  }

  private requestWrite(now: boolean): void {
    if (this.writing !== undefined) {
      this.writeAgain = true;
      return;
    }
    if (this.immediate !== undefined) return;
    if (now) {
      clearTimeout(this.timer);
      this.timer = undefined;
      // On the next turn: every publish already read from the sockets joins this write.
      this.immediate = setImmediate(() => {
        void this.startWriting();
      });
    } else {
      this.timer ??= setTimeout(() => {
        void this.startWriting();
      }, SAVE_DELAY_MS);
    }
  }

  private startWriting(): Promise<void> {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.writeAgain = false;
    const writing = this.writeUntilCaughtUp().finally(() => {
      this.writing = undefined;
    });
    this.writing = writing;
    return writing;
  }

  private async writeUntilCaughtUp(): Promise<void> {
    do {
      // The snapshot and the batch it answers are taken in the same turn.
      const batch = this.waiting;
      this.waiting = [];
      const written = await this.write(toJson(takeSnapshot(this.vhost)));
      for (const done of batch) done(written);
    } while (this.takeWriteAgain());
  }

  private takeWriteAgain(): boolean {
    const again = this.writeAgain;
    this.writeAgain = false;
    return again;
  }

  private async write(text: string): Promise<boolean> {
    try {
      const tmp = `${this.file}.tmp`;
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
      // The rename itself is durable only once the directory is synced.
      const dir = await open(this.dir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      return true;
    } catch (error) {
      console.error('amqp-broker: could not write the data directory', error);
      return false;
    }
  }
}
