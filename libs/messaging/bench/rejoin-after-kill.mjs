// Measures how long a SIGKILLed Kafka consumer's successor waits for its
// group's partitions: a consumer process with the apps' options joins, is
// SIGKILLed, a new one starts at once, and the time from the kill to the new
// one's GROUP_JOIN is printed. The embedded Kafka broker runs as the local
// stack runs it (no initial rebalance delay). Not a test: the figures of
// docs/failure-behaviour.md. Build first (`pnpm nx run-many -t build`), then:
//
//   node libs/messaging/bench/rejoin-after-kill.mjs [--runs 6]
//     [--session-timeout-ms N] [--heartbeat-interval-ms N] [--max-wait-ms N]
//
// Without the timing options each consumer uses kafkaConsumerOptions' defaults.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';
import { kafkaConsumerOptions } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    member: { type: 'string' },
    runs: { type: 'string', default: '6' },
    'session-timeout-ms': { type: 'string' },
    'heartbeat-interval-ms': { type: 'string' },
    'max-wait-ms': { type: 'string' },
  },
});
const GROUP = 'rejoin-bench';
const TOPIC = 'rejoin-bench.v1';
const say = (line) => process.stdout.write(`${line}\n`);

function consumerTiming() {
  const timing = {};
  if (values['session-timeout-ms']) timing.sessionTimeoutMs = Number(values['session-timeout-ms']);
  if (values['heartbeat-interval-ms'])
    timing.heartbeatIntervalMs = Number(values['heartbeat-interval-ms']);
  if (values['max-wait-ms']) timing.maxWaitTimeMs = Number(values['max-wait-ms']);
  return timing;
}

// Starts a process and resolves the first stdout line that `prefix` starts, without it.
function spawnUntil(args, prefix) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = (async () => {
    for await (const text of createInterface({ input: child.stdout }))
      if (text.startsWith(prefix)) return text.slice(prefix.length);
    throw new Error(`${args.join(' ')} exited before printing "${prefix}"`);
  })();
  return { child, line };
}

if (values.member !== undefined) {
  // One consumer process: the options the apps use; its join time on stdout.
  const options = kafkaConsumerOptions({
    brokers: values.member,
    groupId: GROUP,
    ...consumerTiming(),
  });
  const kafka = new kafkajs.Kafka({ ...options.client, logLevel: kafkajs.logLevel.NOTHING });
  const consumer = kafka.consumer(options.consumer);
  consumer.on(consumer.events.GROUP_JOIN, () => say(`joined ${Date.now()}`));
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
} else {
  const cli = fileURLToPath(new URL('../../../infra/kafka-broker/dist/cli.js', import.meta.url));
  const brokerArgs = [cli, '--port', '0', '--initial-rebalance-delay-ms', '0'];
  const broker = spawnUntil([...brokerArgs, '--log-level', 'warn'], 'listening on ');
  const address = await broker.line;
  const admin = new kafkajs.Kafka({
    brokers: [address],
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }] });
  await admin.disconnect();

  const self = fileURLToPath(import.meta.url);
  const timing = process.argv
    .slice(2)
    .filter((a, i, all) => a !== '--runs' && all[i - 1] !== '--runs');
  const member = () =>
    spawnUntil(['--no-warnings', self, '--member', address, ...timing], 'joined ');
  let current = member();
  await current.line;
  const figures = [];
  for (let run = 1; run <= Number(values.runs); run++) {
    // Let it run a while, as an app does, then kill it anywhere in its heartbeat cycle.
    await sleep(2000 + Math.random() * 5000);
    const exited = once(current.child, 'exit');
    const killedAt = Date.now();
    current.child.kill('SIGKILL');
    await exited;
    current = member();
    const ms = Number(await current.line) - killedAt;
    figures.push(ms);
    say(`run ${run}: partitions back ${ms} ms after the SIGKILL`);
  }
  current.child.kill('SIGKILL');
  broker.child.kill('SIGTERM');
  say(`min ${Math.min(...figures)} ms, max ${Math.max(...figures)} ms`);
}
