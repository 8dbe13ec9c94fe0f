import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { ZERO_UUID } from '../protocol/schema/message-plan.js';
import { defineHandler, type BrokerContext } from './api-handler.js';
import { AclOperation, allowedOnTopic } from './authorize.js';
import { findTopic } from './topic-lookup.js';

interface DeleteTopicsRequest {
  /** v0–5: names. */
  readonly topicNames: readonly string[];
  /** v6+: names or topic ids. */
  readonly topics: readonly { name: string | null; topicId: string }[];
}

// Deletion is immediate: the timeout does not matter.
export const deleteTopicsHandler = defineHandler<DeleteTopicsRequest>({
  name: 'DeleteTopics',
  apiKey: ApiKey.DeleteTopics,
  handle({ topicNames, topics }, context) {
    const { version, broker } = context;
    const wanted = version >= 6 ? topics : topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
    return {
      responses: wanted.map((reference) => {
        const name = findTopic(broker.topics, {
          name: reference.name ?? '',
          topicId: reference.topicId,
        })?.name;
        return allowedOnTopic(context, AclOperation.DELETE, name ?? reference.name ?? '')
          ? deleteTopic(broker, reference)
          : { ...reference, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED };
      }),
    };
  },
});

function deleteTopic(broker: BrokerContext, reference: { name: string | null; topicId: string }) {
  const topic = findTopic(broker.topics, {
    name: reference.name ?? '',
    topicId: reference.topicId,
  });
  if (!topic) {
    const byId = reference.name === null;
    return {
      name: reference.name,
      topicId: reference.topicId,
      errorCode: byId ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    };
  }
  broker.topics.delete(topic.name);
  broker.coordinator.offsets.forgetTopic(topic.name);
  broker.producers.forgetPartitionsOf(topic.name);
  return { name: topic.name, topicId: topic.id, errorCode: ErrorCode.NONE };
}
