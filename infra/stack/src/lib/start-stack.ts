import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  AMQP_LOGINS,
  amqpUrlAs,
  KAFKA_LOGINS,
  STACK_ADMIN,
  type BrokerLogin,
} from './broker-credentials.js';
import { OwnedProcesses } from './owned-processes.js';
import type { RestartPolicy } from './restart-policy.js';
import { findFreePort } from '@shop/local-postgres';
import { LossyLink } from './faults/lossy-link.js';
import { isPortFree, PortInUseError } from './ports.js';
import { APPS, portTable, type StackAddresses } from './stack-components.js';
import type { Component } from './stack-component.js';
import { startApps, type AppEnvironment } from './start-apps.js';
import { startBrokers } from './start-brokers.js';
import { amqpUrlWithLogin, externalBrokersOf } from './external-brokers.js';
import { startPrometheus } from './start-prometheus.js';
import { startTraceCollector } from './start-trace-collector.js';
import { startWeb } from './start-web.js';
import { controlFileOf } from './stack-control.client.js';
import {
  databaseRoleOf,
  externalPostgres,
  migrateDatabases,
  startPostgres,
} from './start-postgres.js';
import { serviceRoleUrl } from '@shop/database';
import type { StackConfig, StackPorts } from './stack.config.js';

export interface StartStackOptions {
  readonly config: StackConfig;
  /** The repository root (apps are started from their built `dist/`). */
  readonly root: string;
  readonly log?: (line: string) => void;
  /** Overrides the config's STACK_READY_TIMEOUT_MS. */
  readonly readyTimeoutMs?: number;
  /** Overrides the config's STACK_RESTART_* settings. */
  readonly restartPolicy?: RestartPolicy;
  /** Extra environment per app, over the stack's own (tests shorten delays this way). */
  readonly appEnv?: AppEnvironment;
  /**
   * Components the caller started and owns (e.g. the brokers in containers,
   * whose addresses it passes as KAFKA_BROKERS / AMQP_URL): reachable through
   * `component(name)` and the control API, never stopped by `stop()`.
   */
  readonly callerComponents?: readonly Component[];
}

export interface RunningStack {
  readonly addresses: StackAddresses;
  /** Printable URLs by component. */
  readonly endpoints: Readonly<Record<string, Record<string, string>>>;
  /** Components that were not started, with the reason. */
  readonly notStarted: readonly string[];
  /** Where each component's log is: `<logDir>/<component>.log`. */
  readonly logDir: string;
  /** Where the fault API writes the apps' fault files (`DEV_FAULTS_FILE`). */
  readonly faultDir: string;
  /** The spans file of the local trace collector (`pnpm trace` reads it); undefined when it is not running. */
  readonly traceFile: string | undefined;
  /** Each service's own database, by app name, as the admin (tests and tools: effects, fault injection). */
  readonly databaseUrls: Readonly<Record<string, string>>;
  /** Each service's own database, by app name, as the app's own role: what the app connects with. */
  readonly appDatabaseUrls: Readonly<Record<string, string>>;
  /** An app, a broker or a caller's component by name, to stop and start again on the same ports and data. */
  readonly component: (name: string) => Component;
  /** The proxy in front of payment's gRPC port that `network-lossy` impairs; only with STACK_FAULT_API. */
  readonly paymentLink: LossyLink | undefined;
  /** Names of the components `component()` knows. */
  readonly componentNames: () => string[];
  readonly stop: () => Promise<void>;
}

/** Starts PostgreSQL and the brokers, migrates every database, then starts the apps and waits until all are ready. */
export async function startStack(options: StartStackOptions): Promise<RunningStack> {
  const log = options.log ?? (() => undefined);
  const ports = await resolvePorts(options.config);
  // A broker or database the user runs is not ours to check: it may well be on the default port.
  await assertPortsFree(ports, [
    ...(options.config.POSTGRES_URL ? (['POSTGRES_PORT'] as const) : []),
    ...(options.config.KAFKA_BROKERS ? (['KAFKA_PORT'] as const) : []),
    ...(options.config.AMQP_URL ? (['AMQP_PORT'] as const) : []),
    ...(options.config.OTEL_EXPORTER_OTLP_ENDPOINT ? (['TRACE_COLLECTOR_PORT'] as const) : []),
    ...(options.config.STACK_PROMETHEUS === 'off' ? (['PROMETHEUS_PORT'] as const) : []),
  ]);
  const dataDir = resolve(options.root, options.config.STACK_DATA_DIR);
  const logDir = join(dataDir, 'logs');
  const faultDir = join(dataDir, 'faults');
  // No fault outlives the run that injected it.
  await rm(faultDir, { recursive: true, force: true });
  await mkdir(logDir, { recursive: true });

  const external = externalBrokersOf(options.config);
  const readyTimeoutMs = options.readyTimeoutMs ?? options.config.STACK_READY_TIMEOUT_MS;
  const owned = new OwnedProcesses(log, {
    restartPolicy: options.restartPolicy ?? restartPolicyOf(options.config),
    waitReportMs: options.config.STACK_WAIT_REPORT_MS,
  });
  for (const component of options.callerComponents ?? []) owned.adopt(component);
  const postgresUrl = options.config.POSTGRES_URL;
  let paymentLink: LossyLink | undefined;
  try {
    // Only a stack with the fault API routes checkout through a proxy; the normal stack pays nothing.
    paymentLink = options.config.STACK_FAULT_API
      ? await LossyLink.open({ port: ports.PAYMENT_GRPC_PORT })
      : undefined;
    if (paymentLink)
      log(`checkout reaches payment through ${paymentLink.address}, a proxy for network-lossy`);
    const [postgres, brokers, traces] = await Promise.all([
      postgresUrl
        ? externalPostgres(postgresUrl, log)
        : startPostgres(dataDir, ports, log).then((pg) => owned.setPostgres(pg)),
      startBrokers({
        root: options.root,
        dataDir,
        logDir,
        ports,
        external,
        engines: { kafka: options.config.STACK_KAFKA, amqp: options.config.STACK_AMQP },
        readyTimeoutMs,
        kafkaGroupDelayMs: options.config.STACK_KAFKA_GROUP_DELAY_MS,
        log,
        owned,
      }),
      startTraceCollector({
        root: options.root,
        dataDir,
        logDir,
        port: ports.TRACE_COLLECTOR_PORT,
        externalEndpoint: options.config.OTEL_EXPORTER_OTLP_ENDPOINT,
        readyTimeoutMs,
        log,
        owned,
      }),
    ]);
    // A broker the caller runs has the caller's users (every app gets its URL,
    // Kafka without SASL) unless it is the stack's to provision.
    const ownsKafka = external.kafka === undefined || external.kafkaAdmin !== undefined;
    const amqpUrlFor = (login: BrokerLogin) =>
      external.amqp === undefined
        ? amqpUrlAs(login, ports.AMQP_PORT)
        : external.amqpManagementUrl === undefined
          ? external.amqp
          : amqpUrlWithLogin(external.amqp, login);
    const addresses: StackAddresses = {
      ports: { ...ports, POSTGRES_PORT: postgres.port },
      databaseUrl: postgres.url,
      appDatabaseUrl: (app) => serviceRoleUrl(postgres.url(app), databaseRoleOf(app)),
      kafkaBrokers: external.kafka ?? `127.0.0.1:${ports.KAFKA_PORT}`,
      kafkaAdmin: external.kafka === undefined ? STACK_ADMIN : external.kafkaAdmin,
      kafkaLoginOf: (app) => (ownsKafka ? KAFKA_LOGINS[app] : undefined),
      amqpUrl: amqpUrlFor(STACK_ADMIN),
      amqpUrlOf: (app) => amqpUrlFor(AMQP_LOGINS[app]),
      paymentGrpcUrl: paymentLink?.address ?? `127.0.0.1:${ports.PAYMENT_GRPC_PORT}`,
    };
    await migrateDatabases(options.root, addresses, log);
    await startApps({
      root: options.root,
      logDir,
      // Fault files (`DEV_FAULTS_FILE`) only for a fault API to write: without
      // one the apps have none, and their fault seams cost nothing (benchmarks).
      faultDir: options.config.STACK_FAULT_API ? faultDir : undefined,
      at: addresses,
      traces,
      metricsToken: options.config.METRICS_TOKEN,
      appEnv: options.appEnv ?? {},
      readyTimeoutMs,
      log,
      owned,
    });
    const web = await startWeb({
      root: options.root,
      logDir,
      at: addresses,
      readyTimeoutMs,
      log,
      owned,
      // The drills panel exists only with the fault API: it reads where the control API is from this file.
      controlFile: options.config.STACK_FAULT_API ? controlFileOf(dataDir) : undefined,
    });
    const prometheus =
      options.config.STACK_PROMETHEUS === 'on'
        ? await startPrometheus({
            root: options.root,
            dataDir,
            logDir,
            at: addresses,
            metricsToken: options.config.METRICS_TOKEN,
            readyTimeoutMs,
            log,
            owned,
          })
        : {};
    return {
      addresses,
      endpoints: {
        web: { 'web app': web },
        ...endpointsOf(addresses),
        ...(prometheus.url ? { prometheus: { UI: prometheus.url } } : {}),
      },
      notStarted: [
        ...brokers.notStarted,
        ...(traces.notStarted ? [traces.notStarted] : []),
        ...(prometheus.notStarted ? [prometheus.notStarted] : []),
      ],
      logDir,
      faultDir,
      traceFile: traces.traceFile,
      databaseUrls: Object.fromEntries(
        APPS.filter((a) => a.ownsDatabase).map((a) => [a.name, addresses.databaseUrl(a.name)]),
      ),
      appDatabaseUrls: Object.fromEntries(
        APPS.filter((a) => a.ownsDatabase).map((a) => [a.name, addresses.appDatabaseUrl(a.name)]),
      ),
      component: (name) => {
        const component = owned.get(name);
        if (!component)
          throw new Error(
            `no component '${name}' in this stack (known: ${owned.names().join(', ')})`,
          );
        return component;
      },
      paymentLink,
      componentNames: () => owned.names(),
      stop: async () => {
        await owned.stopAll(log);
        await paymentLink?.close();
      },
    };
  } catch (error) {
    await owned.stopAll(log);
    await paymentLink?.close();
    throw error;
  }
}

function restartPolicyOf(config: StackConfig): RestartPolicy {
  return {
    limit: config.STACK_RESTART_LIMIT,
    backoffMs: config.STACK_RESTART_BACKOFF_MS,
    maxBackoffMs: config.STACK_RESTART_BACKOFF_MAX_MS,
    stableMs: config.STACK_RESTART_STABLE_MS,
  };
}

async function resolvePorts(config: StackConfig): Promise<StackPorts> {
  const resolved: Record<string, number> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.endsWith('_PORT')) continue;
    resolved[key] = value === 0 ? await findFreePort() : Number(value);
  }
  return resolved as StackPorts;
}

async function assertPortsFree(
  ports: StackPorts,
  skip: readonly (keyof StackPorts)[],
): Promise<void> {
  for (const { variable, port } of portTable(ports)) {
    if (skip.includes(variable)) continue;
    if (!(await isPortFree(port))) throw new PortInUseError(port, describePort(variable), variable);
  }
}

function describePort(variable: keyof StackPorts): string {
  return variable
    .replace(/_PORT$/, '')
    .toLowerCase()
    .replace('_', ' ');
}

function endpointsOf(at: StackAddresses): Record<string, Record<string, string>> {
  const endpoints: Record<string, Record<string, string>> = {};
  for (const app of APPS) {
    const port = app.port(at.ports);
    endpoints[app.name] = {
      ...app.endpoints(at.ports),
      health: `http://127.0.0.1:${port}/health/ready`,
    };
  }
  const databases = APPS.filter((a) => a.ownsDatabase).map((a) => a.name);
  endpoints.postgres = {
    databases: `${new URL(at.databaseUrl('postgres')).host} (${databases.join(', ')})`,
  };
  return endpoints;
}
