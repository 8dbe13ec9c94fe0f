import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { defineHandler } from './api-handler.js';

const LATEST = -1;
const EARLIEST = -2;
// Since v7 (KIP-734) -3 asks for the record with the largest timestamp; Kafka 4
// adds -4 (earliest local) and -5 (earliest pending upload) for tiered storage.
const MAX_TIMESTAMP = -3;
const EARLIEST_LOCAL = -4;

interface ListOffsetsRequest {
  readonly topics: readonly {
    name: string;
    partitions: readonly { partitionIndex: number; timestamp: number }[];
  }[];
}

export const listOffsetsHandler = defineHandler<ListOffsetsRequest>({
  name: 'ListOffsets',
  apiKey: ApiKey.ListOffsets,
  handle({ topics }, { broker }) {
    return {
      topics: topics.map(({ name, partitions }) => ({
        name,
        partitions: partitions.map(({ partitionIndex, timestamp }) => {
          const log = broker.topics.partition(name, partitionIndex);
          if (!log) return { partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          // By timestamp: the batch holding the first record at or after it (or −1 when none).
          const offset =
            timestamp === LATEST
              ? log.highWatermark
              : timestamp === EARLIEST || timestamp === EARLIEST_LOCAL
                ? log.logStartOffset
                : timestamp === MAX_TIMESTAMP || timestamp < 0
                  ? -1
                  : (log.offsetForTimestamp(timestamp) ?? -1);
          const answered = timestamp < 0 || offset < 0 ? -1 : timestamp;
          return { partitionIndex, errorCode: ErrorCode.NONE, timestamp: answered, offset };
        }),
      })),
    };
  },
});
