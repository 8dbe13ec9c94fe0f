import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  realKafkaUnavailableReason,
  runKafkaTool,
  startRealKafka,
  type RealKafka,
} from '../src/index.js';

const unavailable = realKafkaUnavailableReason();
if (unavailable !== undefined) {
  if (process.env.REQUIRE_REAL_KAFKA === '1')
    throw new Error(`REQUIRE_REAL_KAFKA=1 but ${unavailable}`);
  console.warn(`[real-kafka] suite skipped: ${unavailable}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(unavailable !== undefined)('real Apache Kafka on demand', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'real-kafka-spec-'));
  let kafka: RealKafka;

  beforeAll(async () => {
    kafka = await startRealKafka({ dataDir });
  });
  afterAll(async () => {
    await kafka.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves kafkajs: a keyed message with headers round-trips through a consumer group', async () => {
    const client = new Kafka({ brokers: [kafka.brokers], logLevel: logLevel.NOTHING });
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic: 'round-trip',
      acks: -1,
      messages: [{ key: 'k-1', value: 'hello', headers: { trace: 'abc' } }],
    });
    await producer.disconnect();
    const consumer = client.consumer({ groupId: 'round-trip-group' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'round-trip', fromBeginning: true });
    const received = await new Promise<{ key: string; value: string; trace: string }>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          resolve({
            key: String(message.key),
            value: String(message.value),
            trace: String(message.headers?.trace),
          });
          return Promise.resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(received).toEqual({ key: 'k-1', value: 'hello', trace: 'abc' });
  });

  it("runs Kafka's own CLI tools against it", async () => {
    const created = await runKafkaTool('kafka-topics', [
      '--bootstrap-server',
      kafka.brokers,
      '--create',
      '--topic',
      'made-by-the-cli',
      '--partitions',
      '3',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created topic made-by-the-cli.');
    const described = await runKafkaTool('kafka-topics', [
      '--bootstrap-server',
      kafka.brokers,
      '--describe',
      '--topic',
      'made-by-the-cli',
    ]);
    expect(described.stdout).toMatch(/PartitionCount: 3/);
  });

  it('stops cleanly, leaves no JVM behind, and serves the same data after a restart', async () => {
    const pid = kafka.pid;
    await kafka.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(dataDir, 'metadata', 'meta.properties'))).toBe(true);

    kafka = await startRealKafka({ dataDir });
    const listed = await runKafkaTool('kafka-topics', [
      '--bootstrap-server',
      kafka.brokers,
      '--list',
    ]);
    expect(listed.stdout.split('\n')).toEqual(
      expect.arrayContaining(['made-by-the-cli', 'round-trip']),
    );
  });
});
