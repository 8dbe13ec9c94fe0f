import type { StackPorts } from '@shop/stack';

/** What the global setup hands to every e2e file (plain data: it crosses a worker boundary). */
export interface StackAddresses {
  readonly ports: StackPorts;
  readonly notStarted: string[];
  /** Each service's own database, by app name, as the admin (effects with no API are observed there; faults injected). */
  readonly databaseUrls: Record<string, string>;
  /** The same databases as each app's own role, what the apps connect with (no DDL, no other database). */
  readonly appDatabaseUrls: Record<string, string>;
  readonly kafkaBrokers: string;
  /** The stack's own Kafka requires SASL/PLAIN: test clients log in as its admin user (null: a Kafka given by KAFKA_BROKERS). */
  readonly kafkaAdmin: { readonly username: string; readonly password: string } | null;
  readonly amqpUrl: string;
  /** RabbitMQ's management API as an administrator, when the stack provisioned a caller's RabbitMQ (containers). */
  readonly amqpManagementUrl: string | null;
  /** `StackControl` URL: stop and start a broker or an app from a test. */
  readonly controlUrl: string;
  /** The control API's bearer token (it serves the development-only fault API). */
  readonly controlToken: string;
  /** Every component's log: `<logDir>/<component>.log`, one JSON line per entry for the apps. */
  readonly logDir: string;
  /** The spans the local trace collector received, one JSON line each. */
  readonly traceFile: string | undefined;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackAddresses;
  }
}
