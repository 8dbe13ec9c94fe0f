import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Vhost } from '../model/vhost.js';
import { fromJson, toJson } from './snapshot.codec.js';
import { restoreSnapshot, takeSnapshot, type Snapshot } from './snapshot.js';

const SAVE_DELAY_MS = 100;

/**
 * Keeps durable state in `<dataDir>/vhost.json`, rewritten (atomically, by
 * rename) at most every 100 ms after a change and once more on close. A
 * crash loses at most the last 100 ms: good enough for a development stand-in.
 */
export class DurableStore {
  private timer: NodeJS.Timeout | undefined;
  private saving = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly vhost: Vhost,
  ) {}

  static async open(dataDir: string, vhost: Vhost): Promise<DurableStore> {
    await mkdir(dataDir, { recursive: true });
    const store = new DurableStore(join(dataDir, 'vhost.json'), vhost);
    const text = await readFile(store.file, 'utf8').catch(() => undefined);
    if (text !== undefined) restoreSnapshot(vhost, fromJson(text) as Snapshot);
    vhost.onChange = () => {
      store.scheduleSave();
    };
    return store;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
  }

  private scheduleSave(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  private save(): Promise<void> {
    const text = toJson(takeSnapshot(this.vhost));
    this.saving = this.saving.then(async () => {
      await writeFile(`${this.file}.tmp`, text);
      await rename(`${this.file}.tmp`, this.file);
    });
    return this.saving;
  }
}
