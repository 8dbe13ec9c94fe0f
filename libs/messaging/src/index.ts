export {
  defaultConsumerRetrySettings,
  type ConsumerRetrySettings,
} from './lib/consumer-retry.settings.js';
export { ensureTopics } from './lib/ensure-topics.js';
export {
  deadLetterTopics,
  KAFKA_CONSUMPTION,
  KAFKA_SERVICES,
  kafkaAclPlan,
  kafkaTopics,
  provisionKafka,
  publishedTopics,
  type KafkaAclBinding,
  type KafkaAdminLogin,
  type KafkaConsumption,
  type KafkaService,
} from './lib/kafka-access-plan.js';
export {
  kafkaCredentialsConfig,
  kafkaSasl,
  type KafkaCredentialsConfig,
} from './lib/kafka-credentials.config.js';
export { type DeadLetterReason } from './lib/dead-letter.publisher.js';
export {
  countDeadLettered,
  measureConsumption,
  recordConsumption,
  type ConsumedFrom,
  type ConsumeOutcome,
} from './lib/consumer.metrics.js';
export { EventConsumer, type EventHandler } from './lib/event-consumer.js';
export {
  currentBatch,
  inMessageTransaction,
  MessageBatch,
  messageReader,
  withinBatch,
  type TransactionalClient,
} from './lib/batch/message-batch.js';
export { KafkaBatchRunner } from './lib/batch/kafka-batch-runner.js';
export { isRefusal, refuse, type Refusal } from './lib/refusal.js';
export { ConsumerStoppingError } from './lib/handling-policy.js';
export {
  brokerList,
  DEFAULT_KAFKA_CONSUMER_TIMING,
  DEFAULT_MAX_BATCH_MESSAGES,
  kafkaConsumerOptions,
  type KafkaConsumerSettings,
  type KafkaConsumerTiming,
} from './lib/kafka-consumer.options.js';
export {
  kafkaConsumerTiming,
  kafkaConsumerTimingConfig,
  type KafkaConsumerTimingConfig,
} from './lib/kafka-consumer-timing.config.js';
export { kafkaConsumer, type KafkaConsumerFeatureSettings } from './lib/kafka-consumer.feature.js';
export { KafkaConsumerState } from './lib/kafka-consumer.state.js';
export { MessagingModule } from './lib/messaging.module.js';
export { isTransientError } from './lib/transient-error.js';
