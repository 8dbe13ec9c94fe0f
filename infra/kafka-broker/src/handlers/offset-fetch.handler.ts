import type { TopicRegistry } from '../log/topic-registry.js';
import type { OffsetStore } from '../groups/offset-store.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { ZERO_UUID } from '../protocol/schema/message-plan.js';
import { defineHandler, type RequestContext } from './api-handler.js';
import { AclOperation, allowedOnGroup, allowedOnTopic } from './authorize.js';

interface RequestedTopic {
  readonly name: string;
  /** v10+ only: the topic struct of v1–7 has no id field. */
  readonly topicId?: string;
  readonly partitionIndexes: readonly number[];
}

interface OffsetFetchRequest {
  /** v1–7: one group. */
  readonly groupId: string;
  readonly topics: readonly RequestedTopic[] | null;
  /** v8+: a batch of groups. */
  readonly groups: readonly { groupId: string; topics: readonly RequestedTopic[] | null }[];
}

export const offsetFetchHandler = defineHandler<OffsetFetchRequest>({
  name: 'OffsetFetch',
  apiKey: ApiKey.OffsetFetch,
  handle(request, context) {
    const { version, broker } = context;
    const answer = (groupId: string, topics: readonly RequestedTopic[] | null) =>
      fetchOffsets(context, broker.coordinator.offsets, groupId, topics);
    const refused = (groupId: string) => !allowedOnGroup(context, AclOperation.DESCRIBE, groupId);
    // v1–7 topics carry no id field.
    if (version < 8)
      return refused(request.groupId)
        ? { errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, topics: [] }
        : {
            topics: answer(request.groupId, request.topics).map(({ name, partitions }) => ({
              name,
              partitions,
            })),
          };
    return {
      groups: request.groups.map(({ groupId, topics }) =>
        refused(groupId)
          ? { groupId, topics: [], errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
          : { groupId, topics: answer(groupId, topics), errorCode: ErrorCode.NONE },
      ),
    };
  },
});

// A null topic list asks for everything the group committed (of the topics the principal may describe).
function fetchOffsets(
  context: RequestContext,
  offsets: OffsetStore,
  groupId: string,
  requested: readonly RequestedTopic[] | null,
) {
  const registry = context.broker.topics;
  const describable = (name: string) => allowedOnTopic(context, AclOperation.DESCRIBE, name);
  const topics =
    requested ??
    committedTopics(registry, offsets, groupId).filter((topic) => describable(topic.name));
  return topics.map((topic) => {
    const byId = topic.topicId !== undefined && topic.topicId !== ZERO_UUID;
    const name = byId ? (registry.withId(topic.topicId ?? '')?.name ?? '') : topic.name;
    const refused = !describable(name);
    return {
      name: topic.name,
      topicId: topic.topicId,
      partitions: topic.partitionIndexes.map((partitionIndex) => {
        const committed = refused ? undefined : offsets.get(groupId, name, partitionIndex);
        return {
          partitionIndex,
          committedOffset: committed?.offset ?? -1,
          metadata: committed?.metadata ?? '',
          errorCode: refused ? ErrorCode.TOPIC_AUTHORIZATION_FAILED : ErrorCode.NONE,
        };
      }),
    };
  });
}

function committedTopics(
  registry: TopicRegistry,
  offsets: OffsetStore,
  groupId: string,
): RequestedTopic[] {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of offsets.ofGroup(groupId))
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
  return [...byTopic].map(([name, partitionIndexes]) => ({
    name,
    topicId: registry.get(name)?.id ?? ZERO_UUID,
    partitionIndexes,
  }));
}
