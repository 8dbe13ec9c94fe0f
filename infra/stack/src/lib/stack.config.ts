import { port, text, z } from '@shop/config';

/** Every variable the launcher reads. Ports of the default stack; tests pass 0 for "any free port". */
export const stackConfigSchema = z.object({
  STACK_DATA_DIR: text(
    '.data/stack',
    'Where PostgreSQL data, broker data and service logs live (git-ignored; delete to start afresh).',
  ),
  POSTGRES_PORT: port(5433, 'Embedded PostgreSQL (one database per service).'),
  KAFKA_PORT: port(9092, 'Embedded Kafka-protocol broker.'),
  AMQP_PORT: port(5672, 'Embedded AMQP 0-9-1 broker.'),
  CHECKOUT_PORT: port(3000, 'checkout: REST API and health.'),
  PAYMENT_PORT: port(3001, 'payment: health.'),
  PAYMENT_GRPC_PORT: port(50051, 'payment: gRPC API.'),
  ENROLLMENT_PORT: port(3002, 'enrollment: health.'),
  NOTIFICATION_PORT: port(3003, 'notification: health.'),
  ANALYTICS_PORT: port(3004, 'analytics: health.'),
  BFF_PORT: port(4000, 'bff: GraphQL and health.'),
  TRACE_COLLECTOR_PORT: port(
    4318,
    'Local OTLP/HTTP trace receiver (spans in <STACK_DATA_DIR>/traces/spans.jsonl, read by `pnpm trace`).',
  ),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .optional()
    .describe('Use this Kafka (host:port,…) instead of starting the embedded broker.'),
  AMQP_URL: z
    .url()
    .optional()
    .describe(
      'Use this RabbitMQ (amqp://user:pass@host:5672) instead of starting the embedded broker.',
    ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url()
    .optional()
    .describe(
      "Send the apps' spans to this OTLP/HTTP endpoint (a Collector, Jaeger) instead of starting the local receiver. OTEL_SDK_DISABLED=true turns tracing off.",
    ),
});

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type StackPorts = Omit<
  StackConfig,
  'STACK_DATA_DIR' | 'KAFKA_BROKERS' | 'AMQP_URL' | 'OTEL_EXPORTER_OTLP_ENDPOINT'
>;

/** Brokers the user runs themselves; the embedded one of each kind given here is not started. */
export interface ExternalBrokers {
  readonly kafka?: string | undefined;
  readonly amqp?: string | undefined;
}
