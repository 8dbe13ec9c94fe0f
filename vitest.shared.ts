import swc from 'unplugin-swc';
import { configDefaults, defineConfig, type ViteUserConfig } from 'vitest/config';

type TestOptions = NonNullable<ViteUserConfig['test']>;

const unitSpecs = '**/*.unit.spec.ts';

/**
 * The one Vitest setup every project uses: SWC compiles TypeScript with
 * decorator metadata (Nest's dependency injection needs it), and workspace
 * libraries resolve to their sources through the `@shop/source` condition.
 */
function baseTestConfig(test: TestOptions): ViteUserConfig {
  return defineConfig({
    plugins: [swc.vite({ swcrc: true })],
    resolve: { conditions: ['@shop/source'] },
    ssr: { resolve: { conditions: ['@shop/source'] } },
    test: { environment: 'node', ...test },
  });
}

/**
 * A project's two test tiers (docs/adr/0020-three-test-tiers.md), as two
 * Vitest projects so `vitest run --project unit` runs one of them:
 * - `unit`: every `*.unit.spec.ts` — no socket, process, database or temp
 *   file; its timeouts only catch a hang, so they are far above what a unit
 *   test takes even on a loaded machine (Vitest's 5 s default failed a spec
 *   compiling the compose-spec JSON schema, 7 s with both cores busy);
 * - `integration`: every other spec in `src/` and `test/` — real PostgreSQL
 *   and brokers started by the suite; `integration` holds its timeouts and
 *   global setup.
 * Every spec file lands in exactly one tier, so `unit` + `integration` is the
 * whole suite (what plain `vitest run` runs).
 */
export function projectTestConfig(integration: TestOptions = {}): ViteUserConfig {
  return baseTestConfig({
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: [unitSpecs], testTimeout: 30_000, hookTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
          exclude: [...configDefaults.exclude, unitSpecs],
          // Vitest's 5 s default failed specs that start a process or a server
          // on a loaded 2-core machine (the tracing preload spec); suites that
          // start infrastructure set longer limits of their own.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          ...integration,
        },
      },
    ],
  });
}

/** The third tier: the whole stack over the wire (`e2e/`). */
export function e2eTestConfig(test: TestOptions): ViteUserConfig {
  return baseTestConfig(test);
}
