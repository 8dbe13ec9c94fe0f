import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { AclOperation, allowedOnGroup, allowedOnTopic } from './authorize.js';
import { defineHandler } from './api-handler.js';
import { findTopic, unknown, type TopicReference } from './topic-lookup.js';

interface OffsetCommitRequest {
  readonly groupId: string;
  readonly generationIdOrMemberEpoch: number;
  readonly memberId: string;
  readonly topics: readonly (TopicReference & {
    readonly partitions: readonly {
      partitionIndex: number;
      committedOffset: number;
      committedMetadata: string | null;
    }[];
  })[];
}

// Offsets are kept until the topic goes (the v2–4 retention time is ignored).
export const offsetCommitHandler = defineHandler<OffsetCommitRequest>({
  name: 'OffsetCommit',
  apiKey: ApiKey.OffsetCommit,
  handle({ groupId, generationIdOrMemberEpoch, memberId, topics }, context) {
    const { broker } = context;
    // Kafka accepts a commit while the group prepares a rebalance if the generation
    // matches: kafkajs commits right before rejoining.
    const groupError = !allowedOnGroup(context, AclOperation.READ, groupId)
      ? ErrorCode.GROUP_AUTHORIZATION_FAILED
      : groupId === ''
        ? ErrorCode.INVALID_GROUP_ID
        : broker.coordinator.findOrCreate(groupId).checkCommit(memberId, generationIdOrMemberEpoch);
    return {
      topics: topics.map((reference) => {
        const topic = findTopic(broker.topics, reference);
        return {
          name: reference.name,
          topicId: reference.topicId,
          partitions: reference.partitions.map((partition) => {
            let errorCode: ErrorCode = groupError;
            if (
              errorCode === ErrorCode.NONE &&
              !allowedOnTopic(context, AclOperation.READ, topic?.name ?? reference.name)
            )
              errorCode = ErrorCode.TOPIC_AUTHORIZATION_FAILED;
            if (errorCode === ErrorCode.NONE && !topic?.partitions[partition.partitionIndex])
              errorCode = unknown(reference);
            if (topic && errorCode === ErrorCode.NONE) {
              broker.coordinator.offsets.commit(groupId, {
                topic: topic.name,
                partition: partition.partitionIndex,
                offset: partition.committedOffset,
                metadata: partition.committedMetadata,
              });
            }
            return { partitionIndex: partition.partitionIndex, errorCode };
          }),
        };
      }),
    };
  },
});
