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
  type ConsumedFrom,
  type ConsumeOutcome,
} from './lib/consumer.metrics.js';
export { EventConsumer, type EventHandler } from './lib/event-consumer.js';
export { isRefusal, refuse, type Refusal } from './lib/refusal.js';
export { ConsumerStoppingError } from './lib/handling-policy.js';
export {
  brokerList,
  kafkaConsumerOptions,
  type KafkaConsumerSettings,
} from './lib/kafka-consumer.options.js';
export { kafkaConsumer, type KafkaConsumerFeatureSettings } from './lib/kafka-consumer.feature.js';
export { KafkaConsumerState } from './lib/kafka-consumer.state.js';
export { MessagingModule } from './lib/messaging.module.js';
export { isTransientError } from './lib/transient-error.js';
