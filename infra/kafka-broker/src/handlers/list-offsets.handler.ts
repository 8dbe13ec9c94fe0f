import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { AclOperation, allowedOnTopic } from './authorize.js';
import { defineHandler } from './api-handler.js';

const LATEST = -1;
const EARLIEST = -2;
// Since v7 (KIP-734) -3 asks for the record with the largest timestamp; Kafka 4
// adds -4 (earliest local) and -5 (earliest pending upload) for tiered storage.
const MAX_TIMESTAMP = -3;
const EARLIEST_LOCAL = -4;
const NOT_FOUND = { offset: -1, timestamp: -1 } as const;

interface ListOffsetsRequest {
  readonly topics: readonly {
    name: string;
    partitions: readonly { partitionIndex: number; timestamp: number }[];
  }[];
}

export const listOffsetsHandler = defineHandler<ListOffsetsRequest>({
  name: 'ListOffsets',
  apiKey: ApiKey.ListOffsets,
  handle({ topics }, context) {
    const { broker } = context;
    return {
      topics: topics.map(({ name, partitions }) => ({
        name,
        partitions: partitions.map(({ partitionIndex, timestamp }) => {
          if (!allowedOnTopic(context, AclOperation.DESCRIBE, name))
            return { partitionIndex, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED };
          const log = broker.topics.partition(name, partitionIndex);
          if (!log) return { partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          // By timestamp: the first record at or after it, with its own timestamp (−1, −1 when none).
          const found =
            timestamp === LATEST
              ? { offset: log.highWatermark, timestamp: -1 }
              : timestamp === EARLIEST || timestamp === EARLIEST_LOCAL
                ? { offset: log.logStartOffset, timestamp: -1 }
                : timestamp === MAX_TIMESTAMP || timestamp < 0
                  ? NOT_FOUND
                  : (log.offsetForTimestamp(timestamp) ?? NOT_FOUND);
          return { partitionIndex, errorCode: ErrorCode.NONE, ...found };
        }),
      })),
    };
  },
});
