import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { start, type RunningBroker } from '../../../src/index.js';
import {
  FAST_CONSUMER,
  kafkaClient,
  TEST_BROKER_OPTIONS,
  uniqueName,
  waitFor,
  onEachMessage,
} from '../../support/kafka-under-test.js';

// The stand-in's own data directory: restarts and a torn tail. Real Kafka has its own log format.
describe('persistence (embedded broker only: its data directory)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kafka-broker-'));
  let broker: RunningBroker | undefined;
  afterEach(async () => {
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const boot = async (port = 0) =>
    (broker = await start({ port, dataDir, ...TEST_BROKER_OPTIONS }));

  it('keeps topics, messages and committed offsets across a restart, and the group resumes', async () => {
    const running = await boot();
    const topic = uniqueName('durable');
    const groupId = uniqueName('durable');
    let client = kafkaClient([running.address]);
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.disconnect();
    const consumer = client.consumer({ groupId, ...FAST_CONSUMER });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let count = 0;
    await consumer.run({ eachMessage: onEachMessage(() => count++) });
    await waitFor(() => count === 2, 30_000, 'the first two');
    await consumer.disconnect();
    await running.stop();

    const restarted = await boot(running.port);
    client = kafkaClient([restarted.address]);
    const again = client.producer();
    await again.connect();
    const [appended] = await again.send({ topic, messages: [{ value: 'c' }] });
    expect(appended!.baseOffset).toBe('2');
    await again.disconnect();
    const resumed = client.consumer({ groupId, ...FAST_CONSUMER });
    await resumed.connect();
    await resumed.subscribe({ topic, fromBeginning: true });
    const values: string[] = [];
    await resumed.run({
      eachMessage: onEachMessage(({ message }) => values.push(message.value!.toString())),
    });
    await waitFor(() => values.includes('c'), 30_000, 'the message after the restart');
    // Read in order: a re-read of a or b would have come before c.
    expect(values).toEqual(['c']);
    await resumed.disconnect();
  });

  it('cuts a torn tail left by a crash and carries on from the last whole batch', async () => {
    const running = await boot();
    const topic = uniqueName('torn');
    const producer = kafkaClient([running.address]).producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'whole-1' }] });
    await producer.send({ topic, messages: [{ value: 'whole-2' }] });
    await producer.disconnect();
    await running.stop();
    const segmentDir = join(dataDir, `${topic}-0`);
    const segment = join(segmentDir, readdirSync(segmentDir)[0]!);
    const wholeSize = statSync(segment).size;
    appendFileSync(segment, Buffer.from('00000000000000020000004a00', 'hex')); // half a batch header

    const restarted = await boot();
    expect(statSync(segment).size).toBe(wholeSize);
    const client = kafkaClient([restarted.address]);
    const again = client.producer();
    await again.connect();
    const [appended] = await again.send({ topic, messages: [{ value: 'after' }] });
    expect(appended!.baseOffset).toBe('2');
    await again.disconnect();
    const consumer = client.consumer({ groupId: uniqueName('torn'), ...FAST_CONSUMER });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const values: string[] = [];
    await consumer.run({
      eachMessage: onEachMessage(({ message }) => values.push(message.value!.toString())),
    });
    await waitFor(() => values.length === 3, 30_000, 'all three messages');
    expect(values).toEqual(['whole-1', 'whole-2', 'after']);
    await consumer.disconnect();
  });
});
