import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@shop/config';
import {
  describeStack,
  findRepoRoot,
  stackConfigSchema,
  StackControl,
  startStack,
  type StackDescription,
} from '@shop/stack';

/** A stack to load: one started here (and stopped after), or a running one reached through its control URL. */
export interface BenchStack {
  readonly description: StackDescription;
  readonly stop: () => Promise<void>;
}

const APPS = ['checkout', 'payment', 'enrollment', 'notification', 'analytics', 'bff'] as const;

/**
 * The apps' defaults, except logs at `warn` (a JSON line per request would
 * measure the logger). `BENCH_CPU_PROFILE=checkout,enrollment` also writes a
 * V8 CPU profile of those apps into `BENCH_CPU_PROFILE_DIR` (default
 * `.data/profiles`) when they stop; open it in Chrome DevTools. `tracing: false`
 * starts every app with OTEL_SDK_DISABLED=true.
 */
function benchAppEnv(tracing: boolean): Record<string, Record<string, string>> {
  const profiled = new Set((process.env.BENCH_CPU_PROFILE ?? '').split(',').filter(Boolean));
  const dir = resolve(process.env.BENCH_CPU_PROFILE_DIR ?? '.data/profiles');
  return Object.fromEntries(
    APPS.map((app) => [
      app,
      {
        LOG_LEVEL: 'warn',
        ...(tracing ? {} : { OTEL_SDK_DISABLED: 'true' }),
        ...(profiled.has(app) ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` } : {}),
      },
    ]),
  );
}

export async function benchStack(
  controlUrl: string | undefined,
  say: (line: string) => void,
  { tracing = true }: { tracing?: boolean } = {},
): Promise<BenchStack> {
  if (controlUrl) {
    say(`using the running stack at ${controlUrl}`);
    return {
      description: await new StackControl(controlUrl).describe(),
      stop: () => Promise.resolve(),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'shop-bench-'));
  await chmod(dataDir, 0o755); // PostgreSQL runs as `postgres` when we are root
  const ports = Object.keys(stackConfigSchema.shape).filter((k) => k.endsWith('_PORT'));
  const config = loadConfig('stack', stackConfigSchema, {
    ...Object.fromEntries(ports.map((k) => [k, '0'])),
    STACK_DATA_DIR: dataDir,
  });
  const started = Date.now();
  const stack = await startStack({
    config,
    root: findRepoRoot(import.meta.dirname),
    appEnv: benchAppEnv(tracing),
  });
  say(`stack started in ${((Date.now() - started) / 1000).toFixed(1)} s (data in ${dataDir})`);
  return {
    description: describeStack(stack),
    stop: async () => {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
