import { register } from 'import-in-the-middle/register-hooks.mjs';

/**
 * Lets instrumentations patch packages that ES modules import. A CommonJS
 * `require` is patched by require-in-the-middle out of the box, but an
 * `import` goes through Node's ESM loader, which only a loader hook can
 * intercept: import-in-the-middle's, run in-thread with `module.registerHooks`
 * (Node ≥ 24.11.1, which the toolchain pins; it throws on older ones). Only
 * `modules` are wrapped. Must run before the app's first import, which is why
 * tracing is a preload (`--import`).
 */
export function hookEsmImports(modules: readonly string[]): void {
  register({ include: [...modules] });
}
