export {
  accountFor,
  contractVerdict,
  describeAccount,
  eventIdsOf,
  handledIn,
  type BatchAccount,
  type Parked,
  type Verdict,
} from './batch-account.js';
export {
  fuzzSeed,
  hostileBatch,
  hostileMessages,
  shapeCounts,
  type HostileBatchOptions,
  type HostileMessage,
  type HostileShape,
} from './hostile-messages.js';
export { accountForKafkaBatch, type KafkaBatchAccount } from './kafka-batch-account.js';
export { KafkaTestClient, type DeadLetterSummary } from './kafka-test-client.js';
export { LogLines } from './log-lines.js';
