import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { TopicRegistry } from './topic-registry.js';

const limits = { segmentBytes: 1 << 20, retentionBytes: 1 << 22 };
const logger = createLogger('silent', 'plain');
let dataDir: string;
const open = () => new TopicRegistry({ dataDir, limits, logger });

describe('topic ids (KIP-516)', () => {
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives each new topic a fresh id in Kafka text form and keeps it across restarts', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'topic-ids-'));
    const first = open();
    const orders = first.create('orders', 2);
    first.delete('orders');
    const recreated = first.create('orders', 2);
    expect(recreated.id).toMatch(/^[A-Za-z0-9_][\w-]{21}$/);
    expect(recreated.id).not.toBe(orders.id);
    first.close();
    const second = open();
    expect(second.get('orders')?.id).toBe(recreated.id);
    expect(second.withId(recreated.id)?.name).toBe('orders');
    expect(second.withId(orders.id)).toBeUndefined();
    second.close();
  });

  it('gives topics saved before ids existed an id on start, and saves it', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'topic-ids-'));
    writeFileSync(
      join(dataDir, 'topics.json'),
      JSON.stringify({ topics: { old: { partitions: 1 } } }),
    );
    const registry = open();
    const id = registry.get('old')?.id;
    expect(id).toHaveLength(22);
    const saved = JSON.parse(readFileSync(join(dataDir, 'topics.json'), 'utf8')) as {
      topics: Record<string, { id: string }>;
    };
    expect(saved.topics.old?.id).toBe(id);
    registry.close();
  });
});
