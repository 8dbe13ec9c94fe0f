import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureKafkaLibs, kafkaCacheDir } from './kafka-distribution.js';
import { log4jProperties } from './kafka-config.js';

/** Kafka's own command-line tools, by the name of their `bin/` script, and the class each runs. */
export const KAFKA_TOOLS = {
  'kafka-topics': 'org.apache.kafka.tools.TopicCommand',
  'kafka-console-producer': 'org.apache.kafka.tools.ConsoleProducer',
  'kafka-console-consumer': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'kafka-consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka-get-offsets': 'org.apache.kafka.tools.GetOffsetShell',
  'kafka-broker-api-versions': 'org.apache.kafka.tools.BrokerApiVersionsCommand',
  'kafka-storage': 'kafka.tools.StorageTool',
} as const;

export type KafkaToolName = keyof typeof KAFKA_TOOLS;

export interface KafkaToolResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The `java` command line of one of Kafka's CLI tools, as `bin/<name>.sh` would run it. */
export function kafkaToolCommand(name: KafkaToolName, args: readonly string[]) {
  return {
    command: 'java',
    args: [
      '-Xmx256m',
      '-XX:+UseSerialGC',
      // The tools run for a second or two: quick JIT start-up beats peak speed.
      '-XX:TieredStopAtLevel=1',
      '-cp',
      `${ensureKafkaLibs()}/*`,
      `-Dlog4j2.configurationFile=${toolLog4j()}`,
      KAFKA_TOOLS[name],
      ...args,
    ],
  };
}

/**
 * Runs one of Kafka's CLI tools from the pinned jars
 * (`runKafkaTool('kafka-topics', ['--bootstrap-server', brokers, '--list'])`).
 * Killed after `timeoutMs`; `input` is written to its stdin (console producer).
 */
export function runKafkaTool(
  name: KafkaToolName,
  args: readonly string[],
  options: { readonly input?: string; readonly timeoutMs?: number } = {},
): Promise<KafkaToolResult> {
  const tool = kafkaToolCommand(name, args);
  const child = spawn(tool.command, tool.args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// The tools log to stderr at WARN, as Kafka's tools-log4j2 configuration does.
function toolLog4j(): string {
  const path = join(kafkaCacheDir(), 'tools-log4j2.properties');
  writeFileSync(path, log4jProperties('WARN').replace('SYSTEM_OUT', 'SYSTEM_ERR'));
  return path;
}
