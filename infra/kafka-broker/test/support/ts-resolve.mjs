// Lets a child process run the TypeScript sources directly:
//   node --experimental-transform-types --import ./test/support/ts-resolve.mjs src/cli.ts
// Relative imports are written with ".js" (ESM convention); map them to ".ts".
import { existsSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (
      specifier.startsWith('.') &&
      specifier.endsWith('.js') &&
      context.parentURL?.startsWith('file:')
    ) {
      const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
      if (existsSync(fileURLToPath(candidate))) return nextResolve(candidate.href, context);
    }
    return nextResolve(specifier, context);
  },
});
