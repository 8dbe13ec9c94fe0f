import { logLevel, nonNegativeInt, positiveInt, text, url, z } from '@shop/config';
import { devFaultsConfig, httpListenerConfig } from '@shop/platform';
import { kafkaCredentialsConfig } from '@shop/messaging';
import { subgraphConfig } from '@shop/subgraph';
import { outboxRelayConfig } from '@shop/outbox';

const delayList = (defaultValue: string, description: string) =>
  z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of milliseconds, e.g. 1000,5000,30000')
    .default(defaultValue)
    .transform((list) => list.split(',').map(Number))
    .describe(description);

/** Every environment variable enrollment reads: its meaning, default and format. */
export const enrollmentConfigSchema = z.object({
  ...httpListenerConfig(3002, 'Port of `/health`.'),
  DATABASE_URL: url(
    'postgresql://postgres:postgres@127.0.0.1:5433/enrollment',
    "PostgreSQL connection string of enrollment's own database.",
  ),
  DATABASE_POOL_SIZE: positiveInt(10, 'Most connections the database pool opens.'),
  AMQP_URL: url(
    'amqp://guest:guest@127.0.0.1:5672',
    'RabbitMQ (or the embedded AMQP broker) that carries `enrollment.grant-seat` commands.',
  ),
  KAFKA_BROKERS: text(
    '127.0.0.1:9092',
    'Comma-separated `host:port` bootstrap brokers the outbox relay publishes seat events to.',
  ),
  ...kafkaCredentialsConfig,
  GRANT_SEAT_PREFETCH: positiveInt(
    10,
    'Unacknowledged grant-seat commands one instance holds at a time (AMQP prefetch).',
  ),
  GRANT_SEAT_MAX_ATTEMPTS: positiveInt(
    4,
    'Attempts at a command that keeps failing before it is parked (the first one included).',
  ),
  GRANT_SEAT_RETRY_DELAYS_MS: delayList(
    '1000,5000,30000',
    'Wait before retry 1, 2, 3 … (TTL of `enrollment.grant-seat.retry.<n>`); the last one repeats.',
  ),
  ...outboxRelayConfig,
  ...devFaultsConfig(),
  LOG_LEVEL: logLevel(),
  SHUTDOWN_DRAIN_MS: nonNegativeInt(
    0,
    'After SIGTERM, how long readiness answers 503 before connections close (let a load balancer notice).',
  ),
  ...subgraphConfig('enrollment'),
});

export type EnrollmentConfig = z.infer<typeof enrollmentConfigSchema>;
