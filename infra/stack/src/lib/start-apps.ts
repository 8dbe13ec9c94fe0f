import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.js';
import type { OwnedProcesses } from './owned-processes.js';
import { APPS, type StackAddresses } from './stack-components.js';
import { waitUntilReady } from './wait-until.js';

/** Starts all six apps at once and resolves when every `/health/ready` answers 200. */
export async function startApps(
  root: string,
  logDir: string,
  at: StackAddresses,
  readyTimeoutMs: number,
  log: (line: string) => void,
  owned: OwnedProcesses,
) {
  await Promise.all(
    APPS.map(async (app) => {
      const main = join(root, 'apps', app.name, 'dist', 'main.js');
      if (!existsSync(main)) throw new Error(`${main} is missing: build first (pnpm nx run-many -t build)`);
      const port = app.port(at.ports);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HTTP_PORT: String(port),
        ...(app.ownsDatabase ? { DATABASE_URL: at.databaseUrl(app.name) } : {}),
        ...app.env(at),
      };
      const started = Date.now();
      const child = owned.add(
        ManagedProcess.spawn({
          name: app.name,
          command: process.execPath,
          args: ['--enable-source-maps', main],
          cwd: join(root, 'apps', app.name),
          env,
          logFile: join(logDir, `${app.name}.log`),
        }),
      );
      await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, child, readyTimeoutMs);
      log(`${app.name.padEnd(12)} ready on http://127.0.0.1:${port} (${Date.now() - started} ms)`);
    }),
  );
}
