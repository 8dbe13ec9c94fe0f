import { partitionKey } from '../log/producer-state.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { readBatchHeader, splitBatches, validateBatch } from '../protocol/record-batch.codec.js';
import { startResponse, type ApiHandler, type BrokerContext } from './api-handler.js';

interface PartitionResult {
  readonly index: number;
  readonly errorCode: ErrorCode;
  readonly baseOffset: number;
  readonly logAppendTime: number;
  readonly logStartOffset: number;
}

const VALID_ACKS = new Set([-1, 0, 1]);

export const produceHandler: ApiHandler = {
  name: 'Produce',
  apiKey: ApiKey.Produce,
  minVersion: 3,
  maxVersion: 7,
  handle(context) {
    const { body, version, broker } = context;
    body.nullableString(); // transactional id: transactions are not supported (not advertised)
    const acks = body.int16();
    body.int32(); // timeout: appends are synchronous
    const topics = body.array((topic) => ({
      name: topic.string(),
      partitions: topic.array((partition) => ({
        index: partition.int32(),
        records: partition.nullableBytes(),
      })),
    }));
    const results = topics.map(({ name, partitions }) => ({
      name,
      partitions: partitions.map(({ index, records }) =>
        VALID_ACKS.has(acks)
          ? appendToPartition(broker, name, index, records)
          : failure(index, ErrorCode.INVALID_REQUIRED_ACKS),
      ),
    }));
    if (acks === -1 && broker.settings.fsyncOnAcksAll) {
      for (const { name, partitions } of results) {
        for (const { index } of partitions) broker.topics.partition(name, index)?.flush();
      }
    }
    if (acks === 0) return null;

    const out = startResponse(context);
    out.array(results, (writer, { name, partitions }) => {
      writer.string(name).array(partitions, (partitionWriter, result) => {
        partitionWriter
          .int32(result.index)
          .int16(result.errorCode)
          .int64(result.baseOffset)
          .int64(result.logAppendTime);
        if (version >= 5) partitionWriter.int64(result.logStartOffset);
      });
    });
    return out.int32(0);
  },
};

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
    logAppendTime,
    logStartOffset: log.logStartOffset,
  };
}

function failure(index: number, errorCode: ErrorCode): PartitionResult {
  return { index, errorCode, baseOffset: -1, logAppendTime: -1, logStartOffset: -1 };
}
