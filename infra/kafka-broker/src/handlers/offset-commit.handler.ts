import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

export const offsetCommitHandler: ApiHandler = {
  name: 'OffsetCommit',
  apiKey: ApiKey.OffsetCommit,
  minVersion: 2,
  maxVersion: 5,
  handle(context) {
    const { body, version, broker } = context;
    const groupId = body.string();
    const generationId = body.int32();
    const memberId = body.string();
    if (version <= 4) body.int64(); // retention time: offsets are kept until the topic goes
    const topics = body.array((topic) => ({
      name: topic.string(),
      partitions: topic.array((partition) => ({
        index: partition.int32(),
        offset: partition.int64(),
        metadata: partition.nullableString(),
      })),
    }));

    // Kafka accepts a commit while the group prepares a rebalance if the generation
    // matches: kafkajs commits right before rejoining.
    const groupError =
      groupId === ''
        ? ErrorCode.INVALID_GROUP_ID
        : broker.coordinator.findOrCreate(groupId).checkCommit(memberId, generationId);
    const out = startResponse(context);
    if (version >= 3) out.int32(0);
    out.array(topics, (writer, { name, partitions }) => {
      writer.string(name).array(partitions, (partitionWriter, { index, offset, metadata }) => {
        let errorCode: ErrorCode = groupError;
        if (errorCode === ErrorCode.NONE && !broker.topics.partition(name, index)) {
          errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (errorCode === ErrorCode.NONE) {
          broker.coordinator.offsets.commit(groupId, {
            topic: name,
            partition: index,
            offset,
            metadata,
          });
        }
        partitionWriter.int32(index).int16(errorCode);
      });
    });
    return out;
  },
};
