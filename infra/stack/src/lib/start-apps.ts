import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_FILE_APPS, faultFileOf, type FaultFileApp } from './faults/fault-injector.js';
import { ManagedProcess } from './managed-process.js';
import type { OwnedProcesses } from './owned-processes.js';
import { StackComponent } from './stack-component.js';
import { APPS, type AppName, type StackAddresses } from './stack-components.js';
import { tracingEnv, type TraceExport } from './start-trace-collector.js';
import { waitUntilReady } from './wait-until.js';

/** Extra environment per app, over the stack's own (e.g. short retry delays in tests). */
export type AppEnvironment = Partial<Record<AppName, Readonly<Record<string, string>>>>;

/** Starts all six apps at once and resolves when every `/health/ready` answers 200. */
export async function startApps(options: {
  readonly root: string;
  readonly logDir: string;
  /** Where the fault API writes each app's fault file (`DEV_FAULTS_FILE`); undefined: no fault API, no file. */
  readonly faultDir: string | undefined;
  readonly at: StackAddresses;
  readonly traces: TraceExport;
  /** The bearer token of every app's /metrics (the stack's Prometheus sends it). */
  readonly metricsToken: string;
  readonly appEnv: AppEnvironment;
  readonly readyTimeoutMs: number;
  readonly log: (line: string) => void;
  readonly owned: OwnedProcesses;
}) {
  const { root, logDir, faultDir, at, traces, metricsToken, appEnv, readyTimeoutMs, log, owned } =
    options;
  await Promise.all(
    APPS.map(async (app) => {
      const main = join(root, 'apps', app.name, 'dist', 'main.js');
      if (!existsSync(main))
        throw new Error(`${main} is missing: build first (pnpm nx run-many -t build)`);
      const port = app.port(at.ports);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        // Everything the local stack starts listens on loopback only.
        HTTP_HOST: '127.0.0.1',
        // The local stack is development by definition: its development
        // defaults (secrets, dev tokens) are refused anywhere else.
        NODE_ENV: 'development',
        HTTP_PORT: String(port),
        METRICS_TOKEN: metricsToken,
        ...(app.ownsDatabase ? { DATABASE_URL: at.appDatabaseUrl(app.name) } : {}),
        ...app.env(at),
        ...tracingEnv(app.name, traces),
        // Read by the apps' DevFaults; only the fault API (development only) writes it.
        ...(faultDir !== undefined && isFaultFileApp(app.name)
          ? { DEV_FAULTS_FILE: faultFileOf(faultDir, app.name) }
          : {}),
        ...appEnv[app.name],
      };
      const component = owned.add(
        new StackComponent({
          name: app.name,
          kind: 'app',
          spawn: () =>
            ManagedProcess.spawn({
              name: app.name,
              command: process.execPath,
              // The tracing preload, as in each app's `start` script.
              args: ['--enable-source-maps', '--import', '@shop/tracing/register', main],
              cwd: join(root, 'apps', app.name),
              env,
              logFile: join(logDir, `${app.name}.log`),
            }),
          waitUntilServing: (child) =>
            waitUntilReady(`http://127.0.0.1:${port}/health/ready`, child, readyTimeoutMs),
          readiness: `http://127.0.0.1:${port}/health/ready to answer 200`,
        }),
      );
      const started = Date.now();
      await component.start();
      log(`${app.name.padEnd(12)} ready on http://127.0.0.1:${port} (${Date.now() - started} ms)`);
    }),
  );
}

function isFaultFileApp(app: AppName): app is FaultFileApp {
  return (FAULT_FILE_APPS as readonly string[]).includes(app);
}
