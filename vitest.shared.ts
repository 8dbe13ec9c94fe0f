import swc from 'unplugin-swc';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The one Vitest setup every project uses: SWC compiles TypeScript with
 * decorator metadata (Nest's dependency injection needs it), and workspace
 * libraries resolve to their sources through the `@shop/source` condition.
 */
export function projectTestConfig(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    plugins: [swc.vite({ swcrc: true })],
    resolve: { conditions: ['@shop/source'] },
    ssr: { resolve: { conditions: ['@shop/source'] } },
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      environment: 'node',
      // Vitest's 5 s default failed tests that start a process or a server on
      // a loaded 2-core machine (the tracing preload spec); suites that start
      // infrastructure set longer limits of their own.
      testTimeout: 60_000,
      hookTimeout: 120_000,
      ...overrides,
    },
  });
}
