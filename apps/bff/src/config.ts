import { logLevel, nonNegativeInt, port, url, z } from '@shop/config';

/** Every environment variable bff reads: its meaning, default and format. */
export const bffConfigSchema = z.object({
  HTTP_PORT: port(4000, 'Port of the GraphQL endpoint and of `/health`.'),
  CHECKOUT_URL: url(
    'http://127.0.0.1:3000',
    'Base URL of checkout, the first upstream the BFF composes.',
  ),
  LOG_LEVEL: logLevel(),
  SHUTDOWN_DRAIN_MS: nonNegativeInt(
    0,
    'After SIGTERM, how long readiness answers 503 before connections close (let a load balancer notice).',
  ),
});

export type BffConfig = z.infer<typeof bffConfigSchema>;
