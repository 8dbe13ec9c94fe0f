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
        // By timestamp: the batch holding the first record at or after it (or −1 when none).
        const offset =
          timestamp === LATEST
            ? log.highWatermark
            : timestamp === EARLIEST
              ? log.logStartOffset
              : (log.offsetForTimestamp(timestamp) ?? -1);
        const answeredTimestamp = timestamp < 0 || offset < 0 ? -1 : timestamp;
        partitionWriter.int32(index).int16(ErrorCode.NONE).int64(answeredTimestamp).int64(offset);
      });
    });
    return out;
  },
};
