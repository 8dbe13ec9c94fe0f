export {
  ensureKafkaLibs,
  kafkaCacheDir,
  kafkaVersion,
  realKafkaUnavailableReason,
} from './lib/kafka-distribution.js';
export {
  plainJaasConfig,
  type KafkaNodeSettings,
  type SaslPlainListener,
} from './lib/kafka-config.js';
export { prepareKafkaNode, type KafkaLaunch } from './lib/kafka-node.js';
export {
  firstUser,
  startRealKafka,
  type RealKafka,
  type RealKafkaOptions,
} from './lib/real-kafka.js';
export {
  KAFKA_TOOLS,
  kafkaToolCommand,
  runKafkaTool,
  type KafkaToolName,
  type KafkaToolResult,
} from './lib/kafka-tools.js';
export { waitUntilServing } from './lib/wait-until-serving.js';
