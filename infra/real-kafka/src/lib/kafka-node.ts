import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureKafkaLibs } from './kafka-distribution.js';
import {
  jvmOptions,
  log4jProperties,
  serverProperties,
  type KafkaNodeSettings,
} from './kafka-config.js';

/** A command line that runs the broker, for whoever supervises it (a test, the stack launcher). */
export interface KafkaLaunch {
  readonly command: string;
  readonly args: readonly string[];
  /** `host:port` for clients. */
  readonly brokers: string;
  readonly dataDir: string;
}

/**
 * Writes the node's configuration into `dataDir`, formats its KRaft storage
 * on first use (a data dir that was formatted before is reused as it is) and
 * returns the `java` command line that runs it — what
 * `bin/kafka-server-start.sh` would run.
 */
export function prepareKafkaNode(
  settings: KafkaNodeSettings,
  log: (line: string) => void = () => undefined,
): KafkaLaunch {
  const dataDir = resolve(settings.dataDir);
  const libs = ensureKafkaLibs(log);
  mkdirSync(dataDir, { recursive: true });
  const config = join(dataDir, 'server.properties');
  const log4j = join(dataDir, 'log4j2.properties');
  writeFileSync(config, serverProperties({ ...settings, dataDir }));
  writeFileSync(log4j, log4jProperties());
  const classpath = ['-cp', `${libs}/*`, `-Dlog4j2.configurationFile=${log4j}`];
  if (!existsSync(join(dataDir, 'metadata', 'meta.properties'))) {
    formatStorage(classpath, config);
    log(`formatted KRaft storage in ${dataDir}`);
  }
  return {
    command: 'java',
    args: [...jvmOptions(), ...classpath, 'kafka.Kafka', config],
    brokers: `${settings.host}:${settings.port}`,
    dataDir,
  };
}

// A random 16-byte id in base64url, as Kafka's Uuid.randomUuid() makes it: never
// one starting with '-', which kafka-storage would read as an option.
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

// `kafka-storage format --standalone`: a one-voter controller quorum with a new cluster id.
function formatStorage(classpath: string[], config: string): void {
  const clusterId = newClusterId();
  const result = spawnSync(
    'java',
    [
      '-Xmx256m',
      ...classpath,
      'kafka.tools.StorageTool',
      'format',
      '--cluster-id',
      clusterId,
      '--config',
      config,
      '--standalone',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(
      `kafka-storage format failed (${result.status}):\n${result.stdout}${result.stderr}`,
    );
}
