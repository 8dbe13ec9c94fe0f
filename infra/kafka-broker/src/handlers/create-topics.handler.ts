import { isLegalTopicName } from '../log/topic-registry.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { defineHandler, type BrokerContext } from './api-handler.js';

interface TopicToCreate {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly assignedPartitions: number;
}

interface CreateTopicsRequest {
  readonly topics: readonly {
    name: string;
    numPartitions: number;
    replicationFactor: number;
    assignments: readonly unknown[];
  }[];
  readonly validateOnly: boolean;
}

// Creation is immediate (the timeout does not matter); per-topic configs are
// accepted and ignored.
export const createTopicsHandler = defineHandler<CreateTopicsRequest>({
  name: 'CreateTopics',
  apiKey: ApiKey.CreateTopics,
  handle({ topics, validateOnly }, { broker }) {
    return {
      topics: topics.map((requested) => {
        const topic: TopicToCreate = {
          name: requested.name,
          partitions: requested.numPartitions,
          replicationFactor: requested.replicationFactor,
          assignedPartitions: requested.assignments.length,
        };
        const [errorCode, errorMessage, partitions] = createTopic(broker, topic, validateOnly);
        const created = errorCode === ErrorCode.NONE;
        return {
          name: topic.name,
          topicId: broker.topics.get(topic.name)?.id,
          errorCode,
          errorMessage,
          numPartitions: created ? partitions : -1,
          replicationFactor: created ? 1 : -1,
          // v5+: the new topic's configs; none are kept per topic.
          configs: created ? [] : null,
        };
      }),
    };
  },
});

function createTopic(
  broker: BrokerContext,
  topic: TopicToCreate,
  validateOnly: boolean,
): [ErrorCode, string | null, number] {
  const partitions = topic.assignedPartitions > 0 ? topic.assignedPartitions : topic.partitions;
  if (broker.topics.get(topic.name))
    return [ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${topic.name}' already exists.`, -1];
  if (!isLegalTopicName(topic.name))
    return [ErrorCode.INVALID_TOPIC_EXCEPTION, `Illegal topic name '${topic.name}'.`, -1];
  if (partitions === 0 || partitions < -1)
    return [ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be positive.', -1];
  if (topic.replicationFactor > 1) {
    return [
      ErrorCode.INVALID_REPLICATION_FACTOR,
      'Replication factor is larger than the single broker.',
      -1,
    ];
  }
  const count = partitions === -1 ? broker.settings.defaultPartitions : partitions;
  if (!validateOnly) broker.topics.create(topic.name, count);
  return [ErrorCode.NONE, null, count];
}
