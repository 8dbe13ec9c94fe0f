export {
  destinationName,
  type CloudEventLike,
  type NewOutboxMessage,
  type OutboxDestination,
  type OutboxMessage,
  type OutboxTransport,
} from './lib/outbox-message.js';
export {
  AmqpPublisher,
  UnroutableMessageError,
  type AmqpPublisherOptions,
} from './lib/publishers/amqp.publisher.js';
export { KafkaPublisher, type KafkaPublisherOptions } from './lib/publishers/kafka.publisher.js';
export type { OutboxPublisher } from './lib/publishers/outbox-publisher.js';
export type { OutboxLag } from './lib/relay/outbox.queries.js';
export { OutboxRelay } from './lib/relay/outbox-relay.js';
export type { OutboxRelayLogger, OutboxRelayOptions } from './lib/relay/outbox-relay.options.js';
export { retryDelayMs, type RetryBackoff } from './lib/relay/retry-backoff.js';
export { OUTBOX_CHANNEL, Outbox, type RawSqlExecutor } from './lib/writer/outbox.js';
export { pgExecutor } from './lib/writer/pg-executor.js';
export { outboxRelayConfig, type OutboxRelayConfig } from './lib/service/outbox-relay.config.js';
export {
  OUTBOX_RELAY,
  outboxRelay,
  type OutboxRelayFeatureSettings,
} from './lib/service/outbox-relay.feature.js';
