import { logLevel, nonNegativeInt, port, positiveInt, url, z } from '@shop/config';

/** Every environment variable checkout reads: its meaning, default and format. */
export const checkoutConfigSchema = z.object({
  HTTP_PORT: port(3000, 'Port of the REST API (`/v1`) and of `/health`.'),
  DATABASE_URL: url(
    'postgresql://postgres:postgres@127.0.0.1:5433/checkout',
    "PostgreSQL connection string of checkout's own database.",
  ),
  DATABASE_POOL_SIZE: positiveInt(10, 'Most connections the database pool opens.'),
  LOG_LEVEL: logLevel(),
  SHUTDOWN_DRAIN_MS: nonNegativeInt(
    0,
    'After SIGTERM, how long readiness answers 503 before connections close (let a load balancer notice).',
  ),
});

export type CheckoutConfig = z.infer<typeof checkoutConfigSchema>;
