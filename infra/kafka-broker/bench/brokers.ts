import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realKafkaUnavailableReason, startRealKafka } from '@shop/real-kafka';

/** A broker in its own process, so its CPU time and RSS are read apart from the clients'. */
export interface BenchBroker {
  readonly name: string;
  readonly address: string;
  readonly pid: number;
  stop(): Promise<void>;
}

// Both keep 256 MiB per partition in 16 MiB segments, so the volume phase shows retention at work.
const RETENTION_BYTES = 256 * 1024 * 1024;
const SEGMENT_BYTES = 16 * 1024 * 1024;

/** The built CLI with a data directory, as the local stack runs it. */
export async function startEmbedded(): Promise<BenchBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kafka-bench-'));
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const args = ['--port', '0', '--data-dir', dataDir, '--log-level', 'warn'];
  args.push('--initial-rebalance-delay-ms', '0', '--retention-bytes', String(RETENTION_BYTES));
  args.push('--segment-bytes', String(SEGMENT_BYTES));
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
  });
  return {
    name: 'embedded',
    address,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Real Apache Kafka with the same retention, or why it cannot run here. */
export async function startReal(): Promise<BenchBroker | string> {
  const reason = realKafkaUnavailableReason();
  if (reason !== undefined) return reason;
  const kafka = await startRealKafka({
    properties: {
      'log.retention.bytes': RETENTION_BYTES,
      'log.segment.bytes': SEGMENT_BYTES,
      'log.retention.check.interval.ms': 5000,
    },
  });
  return { name: 'Kafka 4.4', address: kafka.brokers, pid: kafka.pid, stop: () => kafka.stop() };
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ

export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
