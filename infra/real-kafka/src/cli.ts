#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import {
  ensureKafkaLibs,
  KAFKA_TOOLS,
  kafkaToolCommand,
  kafkaVersion,
  startRealKafka,
  type KafkaToolName,
} from './index.js';

const USAGE = `Real Apache Kafka ${kafkaVersion()} on demand (jars fetched once with Maven).

  shop-real-kafka fetch                         fetch the pinned jars into the cache, then exit
  shop-real-kafka start [--port 9092] [--data-dir .data/real-kafka]
                                                run a single-node KRaft broker until Ctrl-C
  shop-real-kafka <tool> [args…]                run one of Kafka's CLI tools:
    ${Object.keys(KAFKA_TOOLS).join(', ')}

Environment: REAL_KAFKA_CACHE (where the jars go), REAL_KAFKA_JVM_OPTS (replaces the JVM flags).`;

const [command, ...rest] = process.argv.slice(2);

if (command === 'fetch') {
  console.log(
    ensureKafkaLibs((line) => {
      console.log(line);
    }),
  );
} else if (command === 'start') {
  const { values } = parseArgs({
    args: rest,
    options: { port: { type: 'string', default: '9092' }, 'data-dir': { type: 'string' } },
  });
  const kafka = await startRealKafka({
    port: Number(values.port),
    dataDir: values['data-dir'] ?? '.data/real-kafka',
    onLine: (line) => {
      console.log(line);
    },
  });
  console.log(`real Kafka ${kafkaVersion()} serving on ${kafka.brokers} (pid ${kafka.pid})`);
  const stop = () => {
    void kafka.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
} else if (command !== undefined && command in KAFKA_TOOLS) {
  const tool = kafkaToolCommand(command as KafkaToolName, rest);
  const child = spawn(tool.command, tool.args, { stdio: 'inherit' });
  child.once('exit', (code) => (process.exitCode = code ?? 1));
} else {
  console.log(USAGE);
  process.exitCode = command === undefined || command === '--help' ? 0 : 64;
}
