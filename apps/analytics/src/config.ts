import { logLevel, nonNegativeInt, positiveInt, text, url, z } from '@shop/config';
import { devFaultsConfig, httpListenerConfig } from '@shop/platform';
import { kafkaConsumerTimingConfig, kafkaCredentialsConfig } from '@shop/messaging';
import { subgraphConfig } from '@shop/subgraph';

/** Every environment variable analytics reads: its meaning, default and format. */
export const analyticsConfigSchema = z.object({
  ...httpListenerConfig(3004, 'Port of `/health`.'),
  DATABASE_URL: url(
    'postgresql://postgres:postgres@127.0.0.1:5433/analytics',
    "PostgreSQL connection string of analytics's own database.",
  ),
  DATABASE_POOL_SIZE: positiveInt(10, 'Most connections the database pool opens.'),
  KAFKA_BROKERS: text(
    '127.0.0.1:9092',
    'Kafka bootstrap brokers, comma-separated `host:port`; the consumer group is `analytics`.',
  ),
  ...kafkaCredentialsConfig,
  ...kafkaConsumerTimingConfig,
  LOG_LEVEL: logLevel(),
  SHUTDOWN_DRAIN_MS: nonNegativeInt(
    0,
    'After SIGTERM, how long readiness answers 503 before connections close (let a load balancer notice).',
  ),
  ...subgraphConfig('analytics'),
  ...devFaultsConfig(),
});

export type AnalyticsConfig = z.infer<typeof analyticsConfigSchema>;
