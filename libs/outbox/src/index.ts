export type {
  CloudEventLike,
  NewOutboxMessage,
  OutboxDestination,
  OutboxMessage,
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
