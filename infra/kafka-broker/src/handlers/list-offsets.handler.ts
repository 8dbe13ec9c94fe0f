import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

const LATEST = -1;
const EARLIEST = -2;

export const listOffsetsHandler: ApiHandler = {
  name: 'ListOffsets',
  apiKey: ApiKey.ListOffsets,
  minVersion: 1,
  maxVersion: 3,
  handle(context) {
    const { body, version, broker } = context;
    body.int32(); // replica id
    if (version >= 2) body.int8(); // isolation level
    const topics = body.array((topic) => ({
      name: topic.string(),
      partitions: topic.array((partition) => ({
        index: partition.int32(),
        timestamp: partition.int64(),
      })),
    }));

    const out = startResponse(context);
    if (version >= 2) out.int32(0);
    out.array(topics, (writer, { name, partitions }) => {
      writer.string(name).array(partitions, (partitionWriter, { index, timestamp }) => {
        const log = broker.topics.partition(name, index);
        if (!log) {
          partitionWriter
            .int32(index)
            .int16(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
            .int64(-1)
            .int64(-1);
          return;
        }
        // By timestamp: the first record at or after it, with its own timestamp (−1, −1 when none).
        const found =
          timestamp === LATEST
            ? { offset: log.highWatermark, timestamp: -1 }
            : timestamp === EARLIEST
              ? { offset: log.logStartOffset, timestamp: -1 }
              : (log.offsetForTimestamp(timestamp) ?? { offset: -1, timestamp: -1 });
        partitionWriter
          .int32(index)
          .int16(ErrorCode.NONE)
          .int64(found.timestamp)
          .int64(found.offset);
      });
    });
    return out;
  },
};
