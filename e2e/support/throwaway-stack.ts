import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@shop/config';
import {
  findRepoRoot,
  stackConfigSchema,
  startStack,
  type RunningStack,
  type StartStackOptions,
} from '@shop/stack';

/** A local stack of its own: every port free, its data in a fresh temporary directory. */
export interface ThrowawayStack {
  readonly stack: RunningStack;
  readonly dataDir: string;
  /** Stops the stack, then removes its data directory. */
  readonly stop: () => Promise<void>;
}

/**
 * Starts a stack for one suite, benchmark or run: port 0 for every `*_PORT`
 * (the stack picks free ones), `settings` over that (stack variables such as
 * STACK_KAFKA or KAFKA_BROKERS), and a data directory named after `name` that
 * is removed again when the stack stops — or when it fails to start.
 */
export async function startThrowawayStack(
  name: string,
  settings: Readonly<Record<string, string>> = {},
  options: Pick<StartStackOptions, 'appEnv' | 'callerComponents' | 'log' | 'faultFiles'> = {},
): Promise<ThrowawayStack> {
  const dataDir = await mkdtemp(join(tmpdir(), `shop-${name}-`));
  const remove = () => rm(dataDir, { recursive: true, force: true });
  try {
    await chmod(dataDir, 0o755); // mkdtemp's 0700 would shut out PostgreSQL's own account when run as root
    const config = loadConfig('stack', stackConfigSchema, {
      ...everyPortFree(),
      ...settings,
      STACK_DATA_DIR: dataDir,
    });
    const stack = await startStack({ config, root: findRepoRoot(import.meta.dirname), ...options });
    return {
      stack,
      dataDir,
      stop: async () => {
        await stack.stop();
        await remove();
      },
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

function everyPortFree(): Record<string, string> {
  return Object.fromEntries(
    Object.keys(stackConfigSchema.shape)
      .filter((key) => key.endsWith('_PORT'))
      .map((key) => [key, '0']),
  );
}
