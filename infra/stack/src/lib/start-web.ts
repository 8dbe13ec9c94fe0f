import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.js';
import type { OwnedProcesses } from './owned-processes.js';
import { StackComponent } from './stack-component.js';
import type { StackAddresses } from './stack-components.js';
import { waitUntilReady } from './wait-until.js';

/**
 * Starts the web app's server (apps/web: the production build, with the bff
 * behind it at /graphql and /dev/tokens, one origin) on WEB_PORT, after the
 * bff is ready. Resolves with its URL once it serves.
 */
export async function startWeb(options: {
  readonly root: string;
  readonly logDir: string;
  readonly at: StackAddresses;
  readonly readyTimeoutMs: number;
  readonly log: (line: string) => void;
  readonly owned: OwnedProcesses;
  /**
   * The control file (`<STACK_DATA_DIR>/control.json`) of a stack with the fault
   * API: the web server's drills panel reads the control API's URL and token
   * from it. Undefined: no drills panel (its routes answer 404).
   */
  readonly controlFile?: string | undefined;
}): Promise<string> {
  const { root, logDir, at, readyTimeoutMs, log, owned, controlFile } = options;
  const webRoot = join(root, 'apps', 'web');
  const main = join(webRoot, 'dist', 'server', 'main.js');
  for (const built of [main, join(webRoot, 'dist', 'public', 'index.html')])
    if (!existsSync(built))
      throw new Error(`${built} is missing: build first (pnpm nx run-many -t build)`);
  const port = at.ports.WEB_PORT;
  const url = `http://127.0.0.1:${port}`;
  const component = owned.add(
    new StackComponent({
      name: 'web',
      kind: 'app',
      spawn: () =>
        ManagedProcess.spawn({
          name: 'web',
          command: process.execPath,
          args: ['--enable-source-maps', main],
          cwd: webRoot,
          env: {
            ...process.env,
            NODE_ENV: 'development',
            HTTP_HOST: '127.0.0.1',
            HTTP_PORT: String(port),
            BFF_URL: `http://127.0.0.1:${at.ports.BFF_PORT}`,
            ...(controlFile === undefined ? {} : { STACK_CONTROL_FILE: controlFile }),
          },
          logFile: join(logDir, 'web.log'),
        }),
      waitUntilServing: (child) => waitUntilReady(`${url}/health/ready`, child, readyTimeoutMs),
      readiness: `${url}/health/ready to answer 200`,
    }),
  );
  const started = Date.now();
  await component.start();
  log(`${'web'.padEnd(12)} ready on ${url} (${Date.now() - started} ms)`);
  return url;
}
