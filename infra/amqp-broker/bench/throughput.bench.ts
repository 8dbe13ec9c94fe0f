// Benchmark (not a test): confirmed publishes → broker → manual-ack consumer
// with prefetch 100, 1 KiB messages, against the embedded broker (its own
// process) and a real RabbitMQ, side by side in one run.
//
//   pnpm --filter @shop/amqp-broker bench [-- --messages 50000 --rounds 2 --durable]
//
// --durable: persistent messages to a durable queue, the embedded broker with a
// data directory, so every confirm waits for an fsync.
import { parseArgs } from 'node:util';
import { rabbitMqUnavailableReason, startRabbitMq } from '../src/testing/rabbitmq.process.js';
import { startEmbeddedBrokerProcess, type BrokerProcess } from './embedded-broker.process.js';
import { runRound, type RoundResult } from './round.js';

const { values } = parseArgs({
  // pnpm passes a literal '--' through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    messages: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '2' },
    durable: { type: 'boolean', default: false },
  },
});
const messages = Number(values.messages);
const rounds = Number(values.rounds);
const durable = values.durable;

const brokers: { name: string; start: () => Promise<BrokerProcess> }[] = [
  { name: 'embedded', start: () => startEmbeddedBrokerProcess(durable) },
];
const reason = rabbitMqUnavailableReason();
if (reason === undefined) brokers.push({ name: 'rabbitmq 3.10', start: startRabbitMq });
else console.log(`real RabbitMQ skipped: ${reason}`);

const results: { broker: string; round: number; result: RoundResult }[] = [];
const running = await Promise.all(
  brokers.map(async (b) => ({ name: b.name, broker: await b.start() })),
);
try {
  // Rounds alternate between brokers so that noise from other load hits both alike.
  for (let round = 1; round <= rounds; round++) {
    for (const { name, broker } of running) {
      await runRound(broker.url, Math.min(5000, messages), durable);
      results.push({ broker: name, round, result: await runRound(broker.url, messages, durable) });
    }
  }
} finally {
  await Promise.all(running.map(({ broker }) => broker.stop()));
}

console.log(
  `\n${messages} ${durable ? 'persistent messages to a durable queue' : 'messages'} of 1 KiB, confirms + manual acks, prefetch 100, ${rounds} rounds\n`,
);
console.log('broker          round   msg/s   p50 ms   p99 ms');
for (const { broker, round, result } of results) {
  console.log(
    `${broker.padEnd(15)} ${String(round).padStart(5)} ${String(Math.round(result.rate)).padStart(7)} ${result.p50.toFixed(1).padStart(8)} ${result.p99.toFixed(1).padStart(8)}`,
  );
}
