import { resolve } from 'node:path';
import { describeStack, StackControl, type StackDescription } from '@shop/stack';
import { startThrowawayStack } from '../support/throwaway-stack.js';

/** A stack to load: one started here (and stopped after), or a running one reached through its control file. */
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

/**
 * `controlFile`: a running stack's `<STACK_DATA_DIR>/control.json` (written by
 * `shop-stack up --control-port N`, with the control API's URL and token).
 */
export async function benchStack(
  controlFile: string | undefined,
  say: (line: string) => void,
  { tracing = true }: { tracing?: boolean } = {},
): Promise<BenchStack> {
  if (controlFile) {
    // pnpm runs the script in e2e/: a relative path is read from where pnpm was run.
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), controlFile);
    say(`using the running stack of ${file}`);
    return {
      description: await (await StackControl.fromFile(file)).describe(),
      stop: () => Promise.resolve(),
    };
  }
  const started = Date.now();
  const { stack, dataDir, stop } = await startThrowawayStack(
    'bench',
    {},
    {
      appEnv: benchAppEnv(tracing),
    },
  );
  say(`stack started in ${((Date.now() - started) / 1000).toFixed(1)} s (data in ${dataDir})`);
  return { description: describeStack(stack), stop };
}
