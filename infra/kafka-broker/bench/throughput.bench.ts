// Benchmark (not a test): kafkajs producer → broker → consumer group.
// 1 KiB messages, 3 partitions, batches of 100. The broker runs as a child
// process (the built CLI) so its CPU time and RSS are measured apart from the clients'.
//   pnpm --filter @shop/kafka-broker bench     (BENCH_SECONDS, BENCH_VOLUME_MIB to shorten)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const VOLUME_MIB = Number(process.env.BENCH_VOLUME_MIB ?? 2048);
const MESSAGE_BYTES = 1024;
const BATCH = 100;
const TICKS_PER_SECOND = 100; // Linux USER_HZ

const dataDir = mkdtempSync(join(tmpdir(), 'kafka-bench-'));
const broker = spawn(
  process.execPath,
  [
    'dist/cli.js',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--log-level',
    'warn',
    '--initial-rebalance-delay-ms',
    '0',
  ],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const address = await new Promise<string>((resolve) => {
  broker.stdout.on('data', (chunk: Buffer) => {
    const match = /listening on (\S+)/.exec(chunk.toString());
    if (match?.[1]) resolve(match[1]);
  });
});
const brokerPid = broker.pid ?? 0;
const brokerCpuMs = () => {
  const fields = readFileSync(`/proc/${brokerPid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
};
const brokerRssMiB = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${brokerPid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const clientCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

const kafka = new kafkajs.Kafka({
  clientId: 'bench',
  brokers: [address],
  logLevel: kafkajs.logLevel.NOTHING,
});
const topic = 'bench';
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
await admin.disconnect();

let consumed = 0;
let latencies: number[] = [];
const consumer = kafka.consumer({
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
const producer = kafka.producer();
await producer.connect();
let maxRss = 0;
const rssSampler = setInterval(() => (maxRss = Math.max(maxRss, brokerRssMiB())), 250);

function messages(count: number) {
  return Array.from({ length: count }, () => {
    const value = Buffer.alloc(MESSAGE_BYTES, 0x61);
    value.writeBigInt64BE(process.hrtime.bigint(), 0);
    return { value };
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function phase(name: string, run: () => Promise<number>) {
  consumed = 0;
  latencies = [];
  const [brokerBefore, clientBefore, startedAt] = [brokerCpuMs(), clientCpuMs(), Date.now()];
  const sent = await run();
  while (consumed < sent) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (Date.now() - startedAt) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const perMessage = (ms: number) => ((ms * 1000) / sent).toFixed(1);
  return {
    phase: name,
    messages: sent,
    seconds: seconds.toFixed(1),
    'msg/s': Math.round(sent / seconds),
    'p50 ms': percentile(sorted, 0.5).toFixed(1),
    'p99 ms': percentile(sorted, 0.99).toFixed(1),
    'broker CPU µs/msg': perMessage(brokerCpuMs() - brokerBefore),
    'clients CPU µs/msg': perMessage(clientCpuMs() - clientBefore),
    'broker max RSS MiB': Math.round(maxRss),
  };
}

// Throughput: keep four batches in flight for SECONDS.
async function flood(until: (sent: number) => boolean): Promise<number> {
  let sent = 0;
  const lane = async () => {
    while (!until(sent)) {
      await producer.send({ topic, acks: 1, messages: messages(BATCH) });
      sent += BATCH;
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  return sent;
}

const results = [];
const throughputEnd = Date.now() + SECONDS * 1000;
results.push(await phase(`throughput ${SECONDS} s`, () => flood(() => Date.now() > throughputEnd)));

// Latency at a steady 1,000 messages/s: 10 messages every 10 ms.
results.push(
  await phase('steady 1,000 msg/s', async () => {
    let sent = 0;
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      const next = Date.now() + 10;
      await producer.send({ topic, acks: 1, messages: messages(10) });
      sent += 10;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
    return sent;
  }),
);

// Volume: push VOLUME_MIB through; retention (256 MiB per partition) must keep the broker's memory flat.
const target = Math.ceil((VOLUME_MIB * 1024 * 1024) / MESSAGE_BYTES);
results.push(await phase(`volume ${VOLUME_MIB} MiB`, () => flood((sent) => sent >= target)));
clearInterval(rssSampler);

console.table(results);
await consumer.disconnect();
await producer.disconnect();
broker.kill('SIGTERM');
await new Promise((resolve) => broker.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
