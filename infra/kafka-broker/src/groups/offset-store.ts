import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { writeFileAtomically } from '../log/topic-registry.js';

export interface CommittedOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly metadata: string | null;
}

// One JSON array per line: [group, topic, partition, offset, metadata]. The last
// line may be torn by a crash and is then ignored.
type JournalLine = [string, string, number, number, string | null];
const JOURNAL_FILE = 'consumer-offsets.journal';

/**
 * Committed offsets per group. With a data directory they go to an append-only
 * journal, compacted (rewritten atomically) at start and whenever it is mostly stale.
 */
export class OffsetStore {
  private readonly offsets = new Map<string, Map<string, CommittedOffset>>();
  private journalFd: number | undefined;
  private journalLines = 0;

  private readonly journalPath: string | undefined;

  constructor(
    dataDir: string | undefined,
    private readonly logger: Logger,
  ) {
    if (dataDir === undefined) return;
    mkdirSync(dataDir, { recursive: true });
    this.journalPath = join(dataDir, JOURNAL_FILE);
    this.replay(this.journalPath);
    this.compact();
  }

  get(group: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(group)?.get(`${topic}\u0000${partition}`);
  }

  ofGroup(group: string): CommittedOffset[] {
    return [...(this.offsets.get(group)?.values() ?? [])];
  }

  groups(): string[] {
    return [...this.offsets.keys()];
  }

  commit(group: string, committed: CommittedOffset): void {
    this.store(group, committed);
    this.append([
      group,
      committed.topic,
      committed.partition,
      committed.offset,
      committed.metadata,
    ]);
  }

  forgetTopic(topic: string): void {
    for (const byPartition of this.offsets.values()) {
      for (const [key, committed] of byPartition)
        if (committed.topic === topic) byPartition.delete(key);
    }
    if (this.journalFd !== undefined) this.compact();
  }

  flush(): void {
    if (this.journalFd !== undefined) fsyncSync(this.journalFd);
  }

  close(): void {
    if (this.journalFd === undefined) return;
    fsyncSync(this.journalFd);
    closeSync(this.journalFd);
    this.journalFd = undefined;
  }

  private store(group: string, committed: CommittedOffset): void {
    let byPartition = this.offsets.get(group);
    if (!byPartition) {
      byPartition = new Map<string, CommittedOffset>();
      this.offsets.set(group, byPartition);
    }
    byPartition.set(`${committed.topic}\u0000${committed.partition}`, committed);
  }

  private append(line: JournalLine): void {
    if (this.journalFd === undefined) return;
    writeSync(this.journalFd, `${JSON.stringify(line)}\n`);
    this.journalLines++;
    if (this.journalLines > 10_000 && this.journalLines > 4 * this.liveCount()) this.compact();
  }

  private replay(path: string): void {
    if (!existsSync(path)) return;
    for (const text of readFileSync(path, 'utf8').split('\n')) {
      if (text === '') continue;
      try {
        const [group, topic, partition, offset, metadata] = JSON.parse(text) as JournalLine;
        this.store(group, { topic, partition, offset, metadata });
      } catch {
        this.logger.warn('ignored a torn line in the offsets journal', { path });
      }
    }
  }

  private compact(): void {
    const path = this.journalPath;
    if (path === undefined) return;
    if (this.journalFd !== undefined) closeSync(this.journalFd);
    const lines: string[] = [];
    for (const [group, byPartition] of this.offsets) {
      for (const { topic, partition, offset, metadata } of byPartition.values()) {
        lines.push(`${JSON.stringify([group, topic, partition, offset, metadata])}\n`);
      }
    }
    writeFileAtomically(path, lines.join(''));
    this.journalLines = lines.length;
    this.journalFd = openSync(path, 'a');
  }

  private liveCount(): number {
    let count = 0;
    for (const byPartition of this.offsets.values()) count += byPartition.size;
    return count;
  }
}
