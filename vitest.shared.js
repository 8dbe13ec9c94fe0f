import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
/**
 * The one Vitest setup every project uses: SWC compiles TypeScript with
 * decorator metadata (Nest's dependency injection needs it), and workspace
 * libraries resolve to their sources through the `@shop/source` condition.
 */
export function projectTestConfig(overrides = {}) {
    return defineConfig({
        plugins: [swc.vite({ swcrc: true })],
        resolve: { conditions: ['@shop/source'] },
        ssr: { resolve: { conditions: ['@shop/source'] } },
        test: {
            include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
            environment: 'node',
            ...overrides,
        },
    });
}
