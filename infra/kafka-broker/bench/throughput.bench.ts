// Benchmark (not a test): kafkajs producer → broker → consumer group, against
// the embedded broker and real Apache Kafka side by side in one run: the same
// clients, topic (3 partitions), 1 KiB messages in batches of 100 and
// retention (256 MiB per partition). Each broker runs in its own process so
// its CPU time and RSS are measured apart from the clients'. Phases alternate
// between the brokers, so noise from other load hits both alike.
//   pnpm --filter @shop/kafka-broker bench     (BENCH_SECONDS, BENCH_VOLUME_MIB, BENCH_WARM_UP_SECONDS to shorten)
import { startEmbedded, startReal, type BenchBroker } from './brokers.js';
import { flood, messagesFor, openSession, steady, type PhaseResult } from './load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
// Unreported: the JVM's JIT and both brokers' page cache warm up before anything is measured.
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 5);
const VOLUME_MIB = Number(process.env.BENCH_VOLUME_MIB ?? 2048);

const brokers: BenchBroker[] = [await startEmbedded()];
const real = await startReal();
if (typeof real === 'string') console.log(`real Kafka skipped: ${real}`);
else brokers.push(real);

const results: PhaseResult[] = [];
try {
  const sessions = [];
  for (const broker of brokers) sessions.push(await openSession(broker));
  for (const session of sessions) {
    const end = Date.now() + WARM_UP_SECONDS * 1000;
    await session.phase('warm-up', (send) => flood(send, () => Date.now() > end));
  }
  for (const session of sessions) {
    const end = Date.now() + SECONDS * 1000;
    results.push(
      await session.phase(`throughput ${SECONDS} s`, (send) => flood(send, () => Date.now() > end)),
    );
  }
  for (const session of sessions)
    results.push(await session.phase('steady 1,000 msg/s, 10 s', (send) => steady(send, 10)));
  const target = messagesFor(VOLUME_MIB);
  for (const session of sessions)
    results.push(
      await session.phase(`volume ${VOLUME_MIB} MiB`, (send) =>
        flood(send, (sent) => sent >= target),
      ),
    );
  for (const session of sessions) await session.close();
} finally {
  for (const broker of brokers) await broker.stop();
}
console.table(results);
