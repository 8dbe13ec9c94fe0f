export { accountFor, type BatchAccount, type Parked, type Verdict } from './batch-account.js';
export {
  fuzzSeed,
  hostileMessages,
  shapeCounts,
  type HostileBatchOptions,
  type HostileMessage,
  type HostileShape,
} from './hostile-messages.js';
export { KafkaTestClient, type DeadLetterSummary } from './kafka-test-client.js';
