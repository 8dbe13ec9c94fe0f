import { isLegalTopicName } from '../log/topic-registry.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler, type BrokerContext } from './api-handler.js';

interface TopicToCreate {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly assignedPartitions: number;
}

export const createTopicsHandler: ApiHandler = {
  name: 'CreateTopics',
  apiKey: ApiKey.CreateTopics,
  minVersion: 0,
  maxVersion: 3,
  handle(context) {
    const { body, version, broker } = context;
    const topics = body.array((topic): TopicToCreate => {
      const name = topic.string();
      const partitions = topic.int32();
      const replicationFactor = topic.int16();
      const assignedPartitions = topic.array((assignment) => [
        assignment.int32(),
        assignment.array((r) => r.int32()),
      ]).length;
      topic.array((config) => [config.string(), config.nullableString()]); // per-topic configs are not supported
      return { name, partitions, replicationFactor, assignedPartitions };
    });
    body.int32(); // timeout: creation is immediate
    const validateOnly = version >= 1 ? body.boolean() : false;

    const out = startResponse(context);
    if (version >= 2) out.int32(0);
    return out.array(topics, (writer, topic) => {
      const [errorCode, message] = createTopic(broker, topic, validateOnly);
      writer.string(topic.name).int16(errorCode);
      if (version >= 1) writer.string(message);
    });
  },
};

function createTopic(
  broker: BrokerContext,
  topic: TopicToCreate,
  validateOnly: boolean,
): [ErrorCode, string | null] {
  const partitions = topic.assignedPartitions > 0 ? topic.assignedPartitions : topic.partitions;
  if (broker.topics.get(topic.name))
    return [ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${topic.name}' already exists.`];
  if (!isLegalTopicName(topic.name))
    return [ErrorCode.INVALID_TOPIC_EXCEPTION, `Illegal topic name '${topic.name}'.`];
  // As Kafka: metric names map '.' to '_', so 'a.b' and 'a_b' cannot both exist.
  const collision = broker.topics.collidingWith(topic.name);
  if (collision !== undefined) {
    return [
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      `Topic '${topic.name}' collides with existing topic: ${collision}`,
    ];
  }
  if (partitions === 0 || partitions < -1)
    return [ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be positive.'];
  if (topic.replicationFactor === 0 || topic.replicationFactor < -1) {
    return [
      ErrorCode.INVALID_REPLICATION_FACTOR,
      'Replication factor must be larger than 0, or -1 to use the default value.',
    ];
  }
  if (topic.replicationFactor > 1) {
    return [
      ErrorCode.INVALID_REPLICATION_FACTOR,
      'Replication factor is larger than the single broker.',
    ];
  }
  if (!validateOnly)
    broker.topics.create(
      topic.name,
      partitions === -1 ? broker.settings.defaultPartitions : partitions,
    );
  return [ErrorCode.NONE, null];
}
