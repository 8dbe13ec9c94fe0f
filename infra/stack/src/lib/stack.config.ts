import {
  developmentOnlyFlag,
  nonNegativeInt,
  oneOf,
  port,
  positiveInt,
  text,
  z,
} from '@shop/config';

/** Every variable the launcher reads. Ports of the default stack; tests pass 0 for "any free port". */
export const stackConfigSchema = z.object({
  STACK_DATA_DIR: text(
    '.data/stack',
    'Where PostgreSQL data, broker data and service logs live (git-ignored; delete to start afresh).',
  ),
  STACK_KAFKA: oneOf(
    ['embedded', 'real'],
    'embedded',
    'Which Kafka to start: the embedded stand-in, or real Apache Kafka (single-node KRaft from infra/real-kafka: Java 17, jars fetched once with Maven; data in <STACK_DATA_DIR>/real-kafka). KAFKA_BROKERS overrides both.',
  ),
  STACK_AMQP: oneOf(
    ['embedded', 'real'],
    'embedded',
    "Which AMQP broker to start: the embedded stand-in, or a real RabbitMQ (Debian's rabbitmq-server, run as the rabbitmq user; data in <STACK_DATA_DIR>/rabbitmq). AMQP_URL overrides both.",
  ),
  STACK_PROMETHEUS: oneOf(
    ['off', 'on'],
    'off',
    "Start Prometheus (Debian's package) scraping every app's /metrics, with the alert rules of infra/stack/prometheus; its UI on PROMETHEUS_PORT. Off keeps the start quick; /metrics answers either way.",
  ),
  METRICS_TOKEN: text(
    'dev-only-prometheus-scrape-token-change-me',
    "Bearer token every app asks for at /metrics (the apps' development default); Prometheus sends it. curl -H 'Authorization: Bearer <it>' http://127.0.0.1:3000/metrics",
  ),
  POSTGRES_PORT: port(5433, 'Embedded PostgreSQL (one database per service).'),
  POSTGRES_URL: z
    .url()
    .optional()
    .describe(
      "Use this PostgreSQL instead of starting one: an admin URL (postgres://user:pass@host:5432/postgres) of a role that may create databases. The stack creates, migrates and seeds each service's database there; POSTGRES_PORT is then unused.",
    ),
  KAFKA_PORT: port(9092, 'Kafka client port (embedded or real).'),
  AMQP_PORT: port(5672, 'AMQP 0-9-1 port (embedded or real RabbitMQ).'),
  CHECKOUT_PORT: port(3000, 'checkout: REST API and health.'),
  PAYMENT_PORT: port(3001, 'payment: health.'),
  PAYMENT_GRPC_PORT: port(50051, 'payment: gRPC API.'),
  ENROLLMENT_PORT: port(3002, 'enrollment: health.'),
  NOTIFICATION_PORT: port(3003, 'notification: health.'),
  ANALYTICS_PORT: port(3004, 'analytics: health.'),
  BFF_PORT: port(4000, 'bff: GraphQL and health.'),
  WEB_PORT: port(
    5173,
    'web: the browser app (apps/web), with the bff behind it at /graphql and /dev/tokens.',
  ),
  TRACE_COLLECTOR_PORT: port(
    4318,
    'Local OTLP/HTTP trace receiver (spans in <STACK_DATA_DIR>/traces/spans.jsonl, read by `pnpm trace`).',
  ),
  PROMETHEUS_PORT: port(9090, 'Prometheus UI and query API (STACK_PROMETHEUS=on).'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Use this Kafka (host:port,…) instead of starting one. It is the caller's (the apps connect without SASL) unless KAFKA_ADMIN_USERNAME is set.",
    ),
  KAFKA_ADMIN_USERNAME: z
    .string()
    .min(1)
    .optional()
    .describe(
      "With KAFKA_BROKERS: that Kafka is the stack's to provision. A SASL/PLAIN super user of it; its listener must know the stack's users (kafkaSaslUsers of @shop/stack). The stack creates the topics and every app's ACLs as this user, and each app logs in as its own user.",
    ),
  KAFKA_ADMIN_PASSWORD: z.string().min(1).optional().describe("KAFKA_ADMIN_USERNAME's password."),
  AMQP_URL: z
    .url()
    .optional()
    .describe(
      "Use this RabbitMQ (amqp://user:pass@host:5672) instead of starting one. It is the caller's (every app connects with this URL) unless AMQP_MANAGEMENT_URL is set.",
    ),
  AMQP_MANAGEMENT_URL: z
    .url()
    .optional()
    .describe(
      "With AMQP_URL: that RabbitMQ is the stack's to provision. Its management API as an administrator (http://user:pass@host:15672): the stack imports its users and permissions there (RabbitMQ's definitions, as its own brokers load them), and each app connects as its own user to AMQP_URL's host.",
    ),
  STACK_READY_TIMEOUT_MS: positiveInt(
    180_000,
    'How long each component may take to serve or answer /health/ready (a JVM or a NestJS app on a loaded 2-core machine can take minutes).',
  ),
  STACK_KAFKA_GROUP_DELAY_MS: nonNegativeInt(
    0,
    "The embedded Kafka's group.initial.rebalance.delay.ms: how long a new consumer group waits for more members before its first assignment. Kafka's default is 3000; its development config, and infra/real-kafka's, set 0 — 3 s off the start of every app that consumes.",
  ),
  STACK_WAIT_REPORT_MS: positiveInt(
    15_000,
    'While the stack waits for a component to serve, it says so every this many ms (with what it is waiting on).',
  ),
  STACK_RESTART_LIMIT: nonNegativeInt(
    5,
    'A component (app, broker, trace collector) that exits on its own is restarted, up to this many times in a row; then it is left down and shown as failed. 0: never restart.',
  ),
  STACK_RESTART_BACKOFF_MS: positiveInt(
    1_000,
    'The wait before the first restart in a row; each further one waits twice as long, up to STACK_RESTART_BACKOFF_MAX_MS.',
  ),
  STACK_RESTART_BACKOFF_MAX_MS: positiveInt(30_000, 'The longest wait between two restarts.'),
  STACK_RESTART_STABLE_MS: positiveInt(
    60_000,
    'A component that served this long before it exited starts a new row of restarts (its count is reset).',
  ),
  STACK_FAULT_API: developmentOnlyFlag(
    false,
    'Serve the fault API (docs/drills.md) with the control API, on 127.0.0.1 with a bearer token made afresh each run and written to <STACK_DATA_DIR>/control.json for `pnpm drill`; checkout then reaches payment through a loopback proxy that the network-lossy fault impairs.',
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url()
    .optional()
    .describe(
      "Send the apps' spans to this OTLP/HTTP endpoint (a Collector, Jaeger) instead of starting the local receiver. OTEL_SDK_DISABLED=true turns tracing off.",
    ),
});

export type StackConfig = z.infer<typeof stackConfigSchema>;
/** Every `*_PORT` variable: the ports of the stack. */
export type StackPorts = {
  [K in keyof StackConfig as K extends `${string}_PORT` ? K : never]: number;
};

/** Which engine runs each broker the stack starts itself. */
export type BrokerEngine = StackConfig['STACK_KAFKA'];

/** Brokers the user runs themselves; the stack starts none of each kind given here. */
export interface ExternalBrokers {
  readonly kafka?: string | undefined;
  /** A super user of `kafka`: the stack provisions it (topics, ACLs; the apps' own logins). */
  readonly kafkaAdmin?: { readonly username: string; readonly password: string } | undefined;
  readonly amqp?: string | undefined;
  /** `amqp`'s management API as an administrator: the stack imports its users and permissions there. */
  readonly amqpManagementUrl?: string | undefined;
}

export type BrokerEngines = Readonly<Record<'kafka' | 'amqp', BrokerEngine>>;
