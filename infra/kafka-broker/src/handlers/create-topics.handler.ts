import { isLegalTopicName } from '../log/topic-registry.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { defineHandler, type BrokerContext } from './api-handler.js';
import { AclOperation, allowedOnCluster, allowedOnTopic } from './authorize.js';

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
  handle({ topics, validateOnly }, context) {
    const { broker } = context;
    const anyTopic = allowedOnCluster(context, AclOperation.CREATE);
    return {
      topics: topics.map((requested) => {
        // As Kafka: without CREATE (on the cluster or the topic) the answer does not say whether it exists.
        if (!anyTopic && !allowedOnTopic(context, AclOperation.CREATE, requested.name))
          return {
            name: requested.name,
            errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
            errorMessage: 'Authorization failed.',
            numPartitions: -1,
            replicationFactor: -1,
            configs: null,
          };
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
  // As Kafka: metric names map '.' to '_', so 'a.b' and 'a_b' cannot both exist.
  const collision = broker.topics.collidingWith(topic.name);
  if (collision !== undefined) {
    return [
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      `Topic '${topic.name}' collides with existing topic: ${collision}`,
      -1,
    ];
  }
  if (partitions === 0 || partitions < -1)
    return [ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be positive.', -1];
  if (topic.replicationFactor === 0 || topic.replicationFactor < -1) {
    return [
      ErrorCode.INVALID_REPLICATION_FACTOR,
      'Replication factor must be larger than 0, or -1 to use the default value.',
      -1,
    ];
  }
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
