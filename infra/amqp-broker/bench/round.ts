import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';

export interface RoundResult {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
}

const BODY_SIZE = 1024;
const MAX_UNCONFIRMED = 1000;

/**
 * Publishes `count` messages with confirms while a consumer acks them; measures
 * rate and latency. `durable`: persistent messages to a durable queue, whose
 * confirms wait for the disk.
 */
export async function runRound(url: string, count: number, durable = false): Promise<RoundResult> {
  const [publisherConnection, consumerConnection] = await Promise.all([
    amqp.connect(url),
    amqp.connect(url),
  ]);
  const publisher = await publisherConnection.createConfirmChannel();
  const consumer = await consumerConnection.createChannel();
  const { queue } = durable
    ? await consumer.assertQueue(`bench-${randomUUID()}`, { durable: true })
    : await consumer.assertQueue('', { exclusive: true });
  await consumer.prefetch(100);
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.consume(queue, (m) => {
    if (m === null) return;
    latencies.push(performance.now() - m.content.readDoubleBE(0));
    consumer.ack(m);
    if (latencies.length === count) done();
  });

  const started = performance.now();
  let unconfirmed = 0;
  let wake: () => void = () => undefined;
  for (let i = 0; i < count; i++) {
    if (unconfirmed >= MAX_UNCONFIRMED) await new Promise<void>((resolve) => (wake = resolve));
    const body = Buffer.alloc(BODY_SIZE);
    body.writeDoubleBE(performance.now(), 0);
    unconfirmed++;
    const writable = publisher.sendToQueue(queue, body, { persistent: durable }, () => {
      unconfirmed--;
      if (unconfirmed < MAX_UNCONFIRMED / 2) wake();
    });
    if (!writable) await new Promise((resolve) => publisher.once('drain', resolve));
  }
  await finished;
  const elapsed = (performance.now() - started) / 1000;
  if (durable) await consumer.deleteQueue(queue);
  await Promise.all([publisherConnection.close(), consumerConnection.close()]);
  latencies.sort((a, b) => a - b);
  return {
    rate: count / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}
