import { partitionKey } from '../log/producer-state.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { readBatchHeader, splitBatches, validateBatch } from '../protocol/record-batch.codec.js';
import { AclOperation, allowedOnTopic } from './authorize.js';
import { defineHandler, type BrokerContext } from './api-handler.js';
import { findTopic, unknown, type TopicReference } from './topic-lookup.js';

interface PartitionResult {
  readonly index: number;
  readonly errorCode: ErrorCode;
  readonly baseOffset: number;
  readonly logAppendTimeMs: number;
  readonly logStartOffset: number;
}

const VALID_ACKS = new Set([-1, 0, 1]);

interface ProduceRequest {
  readonly acks: number;
  readonly topicData: readonly (TopicReference & {
    readonly partitionData: readonly { index: number; records: Buffer | null }[];
  })[];
}

export const produceHandler = defineHandler<ProduceRequest>({
  name: 'Produce',
  apiKey: ApiKey.Produce,
  // The transactional id is ignored: transactions are not advertised. Appends are
  // synchronous, so the timeout is too.
  handle({ acks, topicData }, context) {
    const { broker } = context;
    const responses = topicData.map((topic) => {
      const name = findTopic(broker.topics, topic)?.name;
      const permitted = allowedOnTopic(context, AclOperation.WRITE, name ?? topic.name);
      return {
        name: topic.name,
        topicId: topic.topicId,
        partitionResponses: topic.partitionData.map(({ index, records }) =>
          !VALID_ACKS.has(acks)
            ? failure(index, ErrorCode.INVALID_REQUIRED_ACKS)
            : !permitted
              ? failure(index, ErrorCode.TOPIC_AUTHORIZATION_FAILED)
              : name === undefined
                ? failure(index, unknown(topic))
                : appendToPartition(broker, name, index, records),
        ),
      };
    });
    if (acks === -1 && broker.settings.fsyncOnAcksAll) {
      for (const topic of topicData) {
        const log = findTopic(broker.topics, topic);
        for (const { index } of topic.partitionData) log?.partitions[index]?.flush();
      }
    }
    return acks === 0 ? null : { responses };
  },
});

function appendToPartition(
  broker: BrokerContext,
  topic: string,
  index: number,
  records: Buffer | null,
): PartitionResult {
  const log = broker.topics.partition(topic, index);
  if (!log) return failure(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  if (records && records.length > broker.settings.maxBatchBytes)
    return failure(index, ErrorCode.MESSAGE_TOO_LARGE);
  const batches = records ? splitBatches(records) : undefined;
  if (!batches || batches.length === 0) return failure(index, ErrorCode.CORRUPT_MESSAGE);
  const parsed = batches.map((batch) => ({ batch, header: readBatchHeader(batch) }));
  for (const { batch, header } of parsed) {
    const problem = validateBatch(batch, header);
    if (problem === 'transactional') return failure(index, ErrorCode.INVALID_RECORD);
    if (problem) return failure(index, ErrorCode.CORRUPT_MESSAGE);
  }
  const key = partitionKey(topic, index);
  let firstOffset: number | undefined;
  // CreateTime topics answer −1, except for a duplicate: Kafka answers its batch's max timestamp.
  let logAppendTime = -1;
  for (const { batch, header } of parsed) {
    // A resent duplicate of an idempotent producer is acknowledged, not stored again.
    const duplicate = broker.producers.duplicateOf(key, header);
    let baseOffset = duplicate?.baseOffset;
    if (duplicate) logAppendTime = duplicate.maxTimestamp;
    if (baseOffset === undefined) {
      baseOffset = log.append(batch, header.lastOffsetDelta, header.maxTimestamp);
      broker.producers.recordAppend(key, header, baseOffset);
    }
    firstOffset ??= baseOffset;
  }
  return {
    index,
    errorCode: ErrorCode.NONE,
    baseOffset: firstOffset ?? -1,
    logAppendTimeMs: logAppendTime,
    logStartOffset: log.logStartOffset,
  };
}

function failure(index: number, errorCode: ErrorCode): PartitionResult {
  return { index, errorCode, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 };
}
