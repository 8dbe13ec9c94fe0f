import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { migrate } from '@shop/database';
import { startLocalPostgres, type LocalPostgres } from '@shop/local-postgres';
import { ManagedProcess } from './managed-process.js';
import { freePort, isPortFree, PortInUseError } from './ports.js';
import { APPS, BROKERS, portTable, type AppName, type StackAddresses } from './stack-components.js';
import type { StackConfig, StackPorts } from './stack.config.js';
import { waitUntilReady } from './wait-until.js';

export interface StartStackOptions {
  readonly config: StackConfig;
  /** The repository root (apps are started from their built `dist/`). */
  readonly root: string;
  readonly log?: (line: string) => void;
  readonly readyTimeoutMs?: number;
}

export interface RunningStack {
  readonly addresses: StackAddresses;
  /** Printable URLs by component. */
  readonly endpoints: Readonly<Record<string, Record<string, string>>>;
  /** Components that were not started, with the reason. */
  readonly notStarted: readonly string[];
  /** PIDs of every process the stack owns (PostgreSQL included). */
  readonly pids: () => number[];
  readonly stop: () => Promise<void>;
}

/** Starts PostgreSQL and the brokers, migrates every database, then starts the apps and waits until all are ready. */
export async function startStack(options: StartStackOptions): Promise<RunningStack> {
  const log = options.log ?? (() => undefined);
  const ports = await resolvePorts(options.config);
  await assertPortsFree(ports);
  const dataDir = resolve(options.root, options.config.STACK_DATA_DIR);
  const logDir = join(dataDir, 'logs');
  await mkdir(logDir, { recursive: true });

  const owned = new Owned();
  try {
    const [postgres, brokers] = await Promise.all([
      startPostgres(dataDir, ports, log).then((pg) => owned.setPostgres(pg)),
      startBrokers(options.root, dataDir, logDir, ports, log, owned),
    ]);
    const addresses: StackAddresses = {
      ports,
      databaseUrl: postgres.url,
      kafkaBrokers: `127.0.0.1:${ports.KAFKA_PORT}`,
      amqpUrl: `amqp://guest:guest@127.0.0.1:${ports.AMQP_PORT}`,
    };
    await migrateDatabases(options.root, addresses, log);
    await startApps(options.root, logDir, addresses, options.readyTimeoutMs ?? 60_000, log, owned);
    return {
      addresses,
      endpoints: endpointsOf(addresses),
      notStarted: brokers.notStarted,
      pids: () => owned.pids(),
      stop: () => owned.stopAll(log),
    };
  } catch (error) {
    await owned.stopAll(log);
    throw error;
  }
}

async function resolvePorts(config: StackConfig): Promise<StackPorts> {
  const { STACK_DATA_DIR: _dataDir, ...ports } = config;
  const resolved = { ...ports };
  for (const key of Object.keys(resolved) as (keyof StackPorts)[]) {
    if (resolved[key] === 0) resolved[key] = await freePort();
  }
  return resolved;
}

async function assertPortsFree(ports: StackPorts): Promise<void> {
  for (const { variable, port } of portTable(ports)) {
    if (!(await isPortFree(port))) throw new PortInUseError(port, describePort(variable), variable);
  }
}

function describePort(variable: keyof StackPorts): string {
  return variable.replace(/_PORT$/, '').toLowerCase().replace('_', ' ');
}

async function startPostgres(dataDir: string, ports: StackPorts, log: (line: string) => void) {
  const started = Date.now();
  const postgres = await startLocalPostgres({ dataDir: join(dataDir, 'postgres'), port: ports.POSTGRES_PORT });
  const how = postgres.initialised ? 'new cluster' : 'reusing existing data';
  log(`postgres     ready on 127.0.0.1:${postgres.port} (${how}, ${Date.now() - started} ms)`);
  return postgres;
}

async function startBrokers(
  root: string,
  dataDir: string,
  logDir: string,
  ports: StackPorts,
  log: (line: string) => void,
  owned: Owned,
): Promise<{ notStarted: string[] }> {
  const notStarted: string[] = [];
  await Promise.all(
    BROKERS.map(async (broker) => {
      const cli = join(root, broker.cli);
      if (!existsSync(cli)) {
        const reason = `${broker.label}: NOT STARTED — ${broker.cli} is not built or not present yet`;
        notStarted.push(reason);
        log(`${broker.name.padEnd(12)} ${reason}`);
        return;
      }
      const args = ['--port', String(broker.port(ports)), '--data-dir', join(dataDir, broker.name)];
      const process = owned.add(
        ManagedProcess.spawn({
          name: broker.name,
          command: globalThis.process.execPath,
          args: ['--enable-source-maps', cli, ...args],
          cwd: root,
          env: globalThis.process.env,
          logFile: join(logDir, `${broker.name}.log`),
        }),
      );
      await process.waitForLine(/listening on/, 30_000);
      log(`${broker.name.padEnd(12)} ready on 127.0.0.1:${broker.port(ports)} — ${broker.label}`);
    }),
  );
  return { notStarted };
}

async function migrateDatabases(root: string, at: StackAddresses, log: (line: string) => void) {
  await Promise.all(
    APPS.filter((app) => app.ownsDatabase).map(async (app) => {
      const result = await migrate({
        databaseUrl: at.databaseUrl(app.name),
        migrationsDir: join(root, 'apps', app.name, 'prisma', 'migrations'),
        createDatabase: true,
      });
      const applied = result.applied.length;
      log(`${app.name.padEnd(12)} database ready (${applied} migration(s) applied, ${result.alreadyApplied.length} already)`);
    }),
  );
}

async function startApps(
  root: string,
  logDir: string,
  at: StackAddresses,
  readyTimeoutMs: number,
  log: (line: string) => void,
  owned: Owned,
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

function endpointsOf(at: StackAddresses): Record<string, Record<string, string>> {
  const endpoints: Record<string, Record<string, string>> = {};
  for (const app of APPS) {
    const port = app.port(at.ports);
    endpoints[app.name] = { ...app.endpoints(at.ports), health: `http://127.0.0.1:${port}/health/ready` };
  }
  endpoints.postgres = { url: at.databaseUrl('<service>') };
  return endpoints;
}

/** Everything the stack started, stopped in reverse: apps, then brokers, then PostgreSQL. */
class Owned {
  private readonly processes: ManagedProcess[] = [];
  private postgres: LocalPostgres | undefined;

  add(process: ManagedProcess): ManagedProcess {
    this.processes.push(process);
    return process;
  }

  setPostgres(postgres: LocalPostgres): LocalPostgres {
    this.postgres = postgres;
    return postgres;
  }

  pids(): number[] {
    const pids = this.processes.map((p) => p.pid).filter((pid): pid is number => pid !== undefined);
    return this.postgres ? [...pids, this.postgres.pid] : pids;
  }

  async stopAll(log: (line: string) => void): Promise<void> {
    const isApp = (p: ManagedProcess) => (APP_NAME_SET as Set<string>).has(p.name);
    await stopEach(this.processes.filter(isApp), log);
    await stopEach(this.processes.filter((p) => !isApp(p)), log);
    if (this.postgres) {
      await this.postgres.stop();
      log('postgres     stopped');
      this.postgres = undefined;
    }
  }
}

const APP_NAME_SET = new Set<AppName>(APPS.map((a) => a.name));

async function stopEach(processes: ManagedProcess[], log: (line: string) => void) {
  await Promise.all(
    processes.map(async (p) => {
      if (!p.running) return;
      const code = await p.stop();
      log(`${p.name.padEnd(12)} stopped (exit ${String(code)})`);
    }),
  );
}
