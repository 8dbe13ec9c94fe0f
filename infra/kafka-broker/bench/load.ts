import kafkajs, { type Consumer, type Producer } from 'kafkajs';
import { cpuMs, rssMiB, type BenchBroker } from './brokers.js';

const MESSAGE_BYTES = 1024;

/** Sends `count` messages in one batch and resolves on the broker's acknowledgement. */
export type Send = (count: number) => Promise<unknown>;
const BATCH = 100;

export interface PhaseResult {
  readonly broker: string;
  readonly phase: string;
  readonly 'msg/s': number;
  readonly 'p50 ms': string;
  readonly 'p99 ms': string;
  readonly 'broker CPU µs/msg': string;
  readonly 'clients CPU µs/msg': string;
  readonly 'broker max RSS MiB': number;
}

// Nearest rank, as the project's other benchmark reports.
const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)] ?? NaN;

function messages(count: number) {
  return Array.from({ length: count }, () => {
    const value = Buffer.alloc(MESSAGE_BYTES, 0x61);
    value.writeBigInt64BE(process.hrtime.bigint(), 0);
    return { value };
  });
}

const clientCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** One kafkajs producer and one consumer group member on one broker, 3 partitions. */
export async function openSession(broker: BenchBroker) {
  const kafka = new kafkajs.Kafka({
    clientId: 'bench',
    brokers: [broker.address],
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const topic = 'bench';
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: false });
  await admin.disconnect();
  let consumed = 0;
  let latencies: number[] = [];
  const consumer: Consumer = kafka.consumer({
    groupId: 'bench',
    maxWaitTimeInMs: 50,
    maxBytes: 50 * 1024 * 1024,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: ({ batch }) => {
      const now = process.hrtime.bigint();
      for (const message of batch.messages)
        latencies.push(Number(now - (message.value?.readBigInt64BE(0) ?? now)) / 1e6);
      consumed += batch.messages.length;
      return Promise.resolve();
    },
  });
  const producer: Producer = kafka.producer();
  await producer.connect();
  let maxRss = 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMiB(broker.pid))), 250);

  const send: Send = (count) => producer.send({ topic, acks: 1, messages: messages(count) });

  async function phase(name: string, run: (send: Send) => Promise<number>): Promise<PhaseResult> {
    consumed = 0;
    latencies = [];
    const [brokerBefore, clientBefore, startedAt] = [cpuMs(broker.pid), clientCpuMs(), Date.now()];
    const sent = await run(send);
    while (consumed < sent) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (Date.now() - startedAt) / 1000;
    const sorted = latencies.sort((a, b) => a - b);
    const perMessage = (ms: number) => ((ms * 1000) / sent).toFixed(1);
    return {
      broker: broker.name,
      phase: name,
      'msg/s': Math.round(sent / seconds),
      'p50 ms': percentile(sorted, 0.5).toFixed(1),
      'p99 ms': percentile(sorted, 0.99).toFixed(1),
      'broker CPU µs/msg': perMessage(cpuMs(broker.pid) - brokerBefore),
      'clients CPU µs/msg': perMessage(clientCpuMs() - clientBefore),
      'broker max RSS MiB': Math.round(maxRss),
    };
  }

  return {
    phase,
    close: async () => {
      clearInterval(sampler);
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

/** Keeps four batches of 100 in flight until `until` says stop; returns how many were sent. */
export async function flood(send: Send, until: (sent: number) => boolean): Promise<number> {
  let sent = 0;
  const lane = async () => {
    while (!until(sent)) {
      await send(BATCH);
      sent += BATCH;
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  return sent;
}

/** 10 messages every 10 ms for `seconds`. */
export async function steady(send: Send, seconds: number): Promise<number> {
  let sent = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const next = Date.now() + 10;
    await send(10);
    sent += 10;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
  }
  return sent;
}

export const messagesFor = (mib: number) => Math.ceil((mib * 1024 * 1024) / MESSAGE_BYTES);
