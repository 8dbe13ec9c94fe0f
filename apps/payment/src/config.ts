import { host, logLevel, nonNegativeInt, port, positiveInt, url, z } from '@shop/config';
import { devFaultsConfig, httpListenerConfig } from '@shop/platform';
import { paymentTokenSecret } from '@shop/identity';

/** Every environment variable payment reads: its meaning, default and format. */
export const paymentConfigSchema = z.object({
  ...httpListenerConfig(3001, 'Port of `/health` (the API itself is gRPC, see `GRPC_PORT`).'),
  GRPC_HOST: host(
    '127.0.0.1',
    'Interface the gRPC server binds: `127.0.0.1` this machine only, `0.0.0.0` every interface (as in a container).',
  ),
  GRPC_PORT: port(50051, 'Port of the gRPC API `shop.payment.v1.PaymentService`.'),
  PAYMENT_TOKEN_SECRET: paymentTokenSecret(
    "Verifies the token checkout sends with every gRPC call (issuer checkout, audience payment); checkout's `PAYMENT_TOKEN_SECRET` must be the same. A call without it is UNAUTHENTICATED.",
  ),
  DATABASE_URL: url(
    'postgresql://postgres:postgres@127.0.0.1:5433/payment',
    "PostgreSQL connection string of payment's own database.",
  ),
  DATABASE_POOL_SIZE: positiveInt(10, 'Most connections the database pool opens.'),
  LOG_LEVEL: logLevel(),
  SHUTDOWN_DRAIN_MS: nonNegativeInt(
    0,
    'After SIGTERM, how long readiness answers 503 before connections close (let a load balancer notice).',
  ),
  PAYMENT_PENDING_LEASE_MS: positiveInt(
    15_000,
    "How long a PENDING Authorize claim may go untouched before its attempt is presumed dead (its process crashed) and is recovered by asking the card processor by the attempt's key. Keep it above the longest live attempt (the caller's deadline, `CARD_PROCESSOR_SLOW_MS`).",
  ),
  PAYMENT_RECOVERY_INTERVAL_MS: positiveInt(
    5_000,
    'How often the background sweep recovers PENDING claims whose lease ran out (a retry of the same key recovers its own at once).',
  ),
  CARD_PROCESSOR_LATENCY_MS: nonNegativeInt(
    20,
    'How long the simulated card processor takes to decide each authorization (make payment slow on purpose).',
  ),
  CARD_PROCESSOR_SLOW_MS: nonNegativeInt(
    5_000,
    "How long the test card `tok_slow` takes, so a caller's deadline passes first.",
  ),
  CARD_PROCESSOR_FAILURE_PERCENT: z.coerce
    .number()
    .int()
    .min(0)
    .max(100)
    .default(0)
    .describe(
      'Percentage of authorizations the simulated processor fails as if it were down: UNAVAILABLE, nothing charged.',
    ),
  ...devFaultsConfig(),
});

export type PaymentConfig = z.infer<typeof paymentConfigSchema>;
