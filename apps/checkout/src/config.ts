import { logLevel, nonNegativeInt, positiveInt, text, url, z } from '@shop/config';
import { httpListenerConfig } from '@shop/platform';
import { kafkaConsumerTimingConfig, kafkaCredentialsConfig } from '@shop/messaging';
import { learnerTokenConfig, paymentTokenSecret } from '@shop/identity';
import { subgraphConfig } from '@shop/subgraph';
import { outboxRelayConfig } from '@shop/outbox';

/** Every environment variable checkout reads: its meaning, default and format. */
export const checkoutConfigSchema = z.object({
  ...httpListenerConfig(3000, 'Port of the REST API (`/v1`) and of `/health`.'),
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
  PAYMENT_GRPC_URL: text(
    '127.0.0.1:50051',
    'gRPC target (host:port) of payment `shop.payment.v1.PaymentService`.',
  ),
  PAYMENT_TOKEN_SECRET: paymentTokenSecret(
    "Signs the short-lived token checkout sends payment with every gRPC call (issuer checkout, audience payment); payment's `PAYMENT_TOKEN_SECRET` must be the same.",
  ),
  PAYMENT_ATTEMPT_TIMEOUT_MS: positiveInt(
    1_000,
    'Deadline of one payment call attempt, sent to payment as the gRPC deadline (~10× its p99).',
  ),
  PAYMENT_CALL_BUDGET_MS: positiveInt(
    3_000,
    'End-to-end budget of one payment call: all attempts and backoff together.',
  ),
  PAYMENT_MAX_RETRIES: nonNegativeInt(
    2,
    'Retries after the first attempt, on UNAVAILABLE, RESOURCE_EXHAUSTED or ABORTED only (never an ABORTED Authorize or GetPayment: the key is being decided, a retry cannot help).',
  ),
  PAYMENT_BACKOFF_INITIAL_MS: positiveInt(
    50,
    'Full-jitter exponential backoff: the first retry waits a random 0–this.',
  ),
  PAYMENT_BACKOFF_MAX_MS: positiveInt(
    1_000,
    'Longest any retry waits; also the retry-after hint when payment is unavailable.',
  ),
  PAYMENT_RETRY_BUDGET_PERCENT: nonNegativeInt(
    10,
    'Retry budget: retries may add at most this percentage of calls over a 10 s window.',
  ),
  PAYMENT_RETRY_BUDGET_MIN_RETRIES: nonNegativeInt(
    10,
    'Retries always allowed per 10 s window, whatever the traffic (so a quiet instance can retry at all).',
  ),
  PAYMENT_BREAKER_FAILURES: positiveInt(
    5,
    'Consecutive payment failures (UNAVAILABLE, timeouts, INTERNAL) that open the circuit.',
  ),
  PAYMENT_BREAKER_HALF_OPEN_AFTER_MS: positiveInt(
    5_000,
    'How long an open circuit fails fast before one trial call; also the retry-after hint while open.',
  ),
  PAYMENT_BULKHEAD_LIMIT: positiveInt(
    20,
    'Payment calls in flight at once from one checkout instance.',
  ),
  PAYMENT_BULKHEAD_QUEUE: nonNegativeInt(
    20,
    'Payment calls that may wait for a bulkhead slot; beyond, fail fast.',
  ),
  IDEMPOTENCY_LEASE_MS: positiveInt(
    10_000,
    'How long an in-flight Idempotency-Key stays held without a heartbeat (its request renews it every third of this while it runs). After a crash, clients get 409 request-in-progress for at most this long; then a retry takes the key over.',
  ),
  IDEMPOTENCY_RETRY_AFTER_SECONDS: positiveInt(
    1,
    'Retry-After (seconds) of a 409 request-in-progress, and `retryAfterMs` of its GraphQL twin.',
  ),
  ORDER_PAYMENT_DEADLINE_MS: positiveInt(
    60_000,
    "How long an order may stay PENDING_PAYMENT (payment's outcome unknown) before the sweep resolves it: asked by its key, payment's answer settles it, or it is CANCELLED with reason `payment-outcome-unknown-timeout` (a charge that turns up is refunded). Keep it above payment's `PAYMENT_PENDING_LEASE_MS` plus its recovery interval.",
  ),
  ORDER_ENROLLMENT_DEADLINE_MS: positiveInt(
    300_000,
    "How long an order may stay ENROLLING (no answer from enrollment) before the sweep asks enrollment, once, to cancel its grant (`enrollment.cancel-grant.v1`); enrollment's answer then refunds the order and cancels it with reason `enrollment-timeout`. Keep it well above enrollment's retry path (`GRANT_SEAT_RETRY_DELAYS_MS`, about 36 s before a command parks) so a slow grant is not cancelled.",
  ),
  ORDER_SWEEP_INTERVAL_MS: positiveInt(
    10_000,
    'How often the stuck-order sweep runs (orders past their payment or enrollment deadline, late charges to refund).',
  ),
  KAFKA_BROKERS: text(
    '127.0.0.1:9092',
    'Kafka bootstrap brokers, comma-separated host:port: the outbox publishes order events there and the consumer reads enrollment results.',
  ),
  ...kafkaCredentialsConfig,
  ...kafkaConsumerTimingConfig,
  AMQP_URL: url(
    'amqp://guest:guest@127.0.0.1:5672',
    'RabbitMQ (AMQP 0-9-1) URL: the outbox sends grant-seat and cancel-grant commands to exchange `enrollment.commands`.',
  ),
  ...learnerTokenConfig,
  ...outboxRelayConfig,
  ...subgraphConfig('checkout'),
  TRACE_SPANS_URL: z
    .url()
    .optional()
    .describe(
      "Where `Order.timeline` reads an order's spans: the local trace collector's base URL (its `GET /v1/orders/{orderId}/spans`, e.g. http://127.0.0.1:4318). Unset, with JAEGER_QUERY_URL unset too: the timeline is null.",
    ),
  JAEGER_QUERY_URL: z
    .url()
    .optional()
    .describe(
      "Or Jaeger's query service (e.g. http://jaeger:16686; docker-compose): spans found by their `shop.order_id` tag. Used when TRACE_SPANS_URL is unset.",
    ),
  TIMELINE_TIMEOUT_MS: positiveInt(
    2_000,
    'How long `Order.timeline` waits for the span store before answering null (a timeline is a view, never worth a slow order page).',
  ),
});

export type CheckoutConfig = z.infer<typeof checkoutConfigSchema>;
