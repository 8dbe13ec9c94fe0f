import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The apps' defaults, except logs at `warn`: a JSON line per request would measure the logger. */
const BENCH_APP_ENV = {
  checkout: { LOG_LEVEL: 'warn' },
  payment: { LOG_LEVEL: 'warn' },
  enrollment: { LOG_LEVEL: 'warn' },
  notification: { LOG_LEVEL: 'warn' },
  analytics: { LOG_LEVEL: 'warn' },
};

export async function benchStack(
  controlUrl: string | undefined,
  say: (line: string) => void,
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
    appEnv: BENCH_APP_ENV,
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
