import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const POM = join(PACKAGE_ROOT, 'pom.xml');
const COMPLETE = '.complete';

/** The Kafka version pinned in this package's pom.xml. */
export function kafkaVersion(): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(POM, 'utf8'));
  if (!match?.[1]) throw new Error(`no <kafka.version> in ${POM}`);
  return match[1];
}

/**
 * Where the jars are kept: `.cache/real-kafka/<version>/libs` at the
 * repository root (git-ignored), or under `REAL_KAFKA_CACHE` when set.
 */
export function kafkaCacheDir(version = kafkaVersion()): string {
  const base = process.env.REAL_KAFKA_CACHE ?? join(repoRoot(), '.cache', 'real-kafka');
  return join(base, version);
}

/** Why real Kafka cannot run here, or undefined when it can (Java ≥ 17, and the jars or Maven). */
export function realKafkaUnavailableReason(): string | undefined {
  const java = javaMajorVersion();
  if (java === undefined) return 'no `java` on PATH (Kafka 4.x needs Java 17 or newer)';
  if (java < 17) return `java ${java} on PATH; Kafka 4.x brokers need Java 17 or newer`;
  if (isFetched()) return undefined;
  if (spawnSync('mvn', ['--version'], { stdio: 'ignore' }).status !== 0)
    return `the Kafka ${kafkaVersion()} jars are not in ${kafkaCacheDir()} and there is no \`mvn\` on PATH to fetch them`;
  return undefined;
}

/**
 * The directory holding every jar of the pinned Kafka (broker, clients, CLI
 * tools). Fetched with Maven the first time (about 55 MB, seconds when the
 * Maven repository is warm); offline afterwards. Safe to call concurrently:
 * each caller fetches into its own folder and the first rename wins.
 */
export function ensureKafkaLibs(log: (line: string) => void = () => undefined): string {
  const libs = join(kafkaCacheDir(), 'libs');
  if (isFetched()) return libs;
  const staging = `${libs}.${process.pid}.${Date.now()}`;
  log(`fetching Apache Kafka ${kafkaVersion()} jars with Maven into ${libs} (once)`);
  mkdirSync(dirname(libs), { recursive: true });
  const mvn = spawnSync(
    'mvn',
    ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (mvn.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`mvn could not fetch Kafka ${kafkaVersion()}:\n${mvn.stdout}${mvn.stderr}`);
  }
  writeFileSync(join(staging, COMPLETE), `${kafkaVersion()}\n`);
  try {
    renameSync(staging, libs);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process finished first: its copy is as good as ours.
    if (!isFetched()) throw error;
  }
  return libs;
}

function isFetched(): boolean {
  return existsSync(join(kafkaCacheDir(), 'libs', COMPLETE));
}

function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  // `openjdk version "17.0.15" …` or `java version "1.8.0_…"`
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (!match?.[1]) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function repoRoot(): string {
  let dir = PACKAGE_ROOT;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return PACKAGE_ROOT;
    dir = parent;
  }
  return dir;
}
