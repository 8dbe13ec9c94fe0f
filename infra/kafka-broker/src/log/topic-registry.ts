import {
  fsyncSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { openPartitionDirectory, partitionDirectory } from './partition-directory.js';
import { PartitionLog, type PartitionLogLimits } from './partition-log.js';
import { MemorySegmentStorage } from './segment-storage.js';

export interface Topic {
  readonly name: string;
  /** Kafka's topic id (KIP-516), base64url as Kafka prints it; new on every creation. */
  readonly id: string;
  readonly partitions: readonly PartitionLog[];
}

export interface TopicRegistryOptions {
  /** Persist here; undefined keeps every log in memory. */
  readonly dataDir: string | undefined;
  readonly limits: PartitionLogLimits;
  readonly logger: Logger;
}

const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
const METADATA_FILE = 'topics.json';

export function isLegalTopicName(name: string): boolean {
  return LEGAL_TOPIC_NAME.test(name) && name !== '.' && name !== '..';
}

// Every topic and its partition logs. With a data directory, the topic list is
// rewritten atomically (temp file, fsync, rename) on each change.
export class TopicRegistry {
  private readonly topics = new Map<string, Topic>();
  private readonly byId = new Map<string, Topic>();

  constructor(private readonly options: TopicRegistryOptions) {
    if (options.dataDir === undefined) return;
    mkdirSync(options.dataDir, { recursive: true });
    const path = join(options.dataDir, METADATA_FILE);
    if (!existsSync(path)) return;
    const saved = JSON.parse(readFileSync(path, 'utf8')) as {
      topics: Record<string, { partitions: number; id?: string }>;
    };
    for (const [name, { partitions, id }] of Object.entries(saved.topics))
      this.openTopic(name, partitions, id ?? newTopicId());
    // Topic lists written before topic ids existed get theirs now.
    if (Object.values(saved.topics).some(({ id }) => id === undefined)) this.saveMetadata();
    options.logger.info('recovered topics', { count: this.topics.size, dataDir: options.dataDir });
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  withId(id: string): Topic | undefined {
    return this.byId.get(id);
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  all(): Topic[] {
    return [...this.topics.values()];
  }

  create(name: string, partitionCount: number): Topic {
    const topic = this.openTopic(name, partitionCount, newTopicId());
    this.saveMetadata();
    this.options.logger.info('created topic', { topic: name, partitions: partitionCount });
    return topic;
  }

  delete(name: string): void {
    const topic = this.topics.get(name);
    if (!topic) return;
    this.topics.delete(name);
    this.byId.delete(topic.id);
    this.saveMetadata();
    for (const [index, log] of topic.partitions.entries()) {
      log.remove();
      if (this.options.dataDir !== undefined) {
        rmSync(partitionDirectory(this.options.dataDir, name, index), {
          recursive: true,
          force: true,
        });
      }
    }
    this.options.logger.info('deleted topic', { topic: name });
  }

  flush(): void {
    for (const topic of this.topics.values()) for (const log of topic.partitions) log.flush();
  }

  close(): void {
    for (const topic of this.topics.values()) for (const log of topic.partitions) log.close();
  }

  private openTopic(name: string, partitionCount: number, id: string): Topic {
    const { dataDir, limits, logger } = this.options;
    const partitions = Array.from({ length: partitionCount }, (_, index) =>
      dataDir === undefined
        ? new PartitionLog([], () => new MemorySegmentStorage(), limits)
        : openPartitionDirectory(partitionDirectory(dataDir, name, index), limits, logger),
    );
    const topic = { name, id, partitions };
    this.topics.set(name, topic);
    this.byId.set(id, topic);
    return topic;
  }

  private saveMetadata(): void {
    if (this.options.dataDir === undefined) return;
    const topics = Object.fromEntries(
      this.all().map((topic) => [
        topic.name,
        { partitions: topic.partitions.length, id: topic.id },
      ]),
    );
    const path = join(this.options.dataDir, METADATA_FILE);
    writeFileAtomically(path, `${JSON.stringify({ topics }, null, 2)}\n`);
  }
}

// A random UUID in Kafka's text form. Like Kafka's, never all-zero ("none") and never
// starting with '-' (it would read as a command-line option).
function newTopicId(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('base64url');
}

export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, content);
  const fd = openSync(temporary, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, path);
}
