import { isLegalTopicName, type Topic } from '../log/topic-registry.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { CLUSTER_ID, NODE_ID, defineHandler, type RequestContext } from './api-handler.js';
import { AclOperation, allowedOnCluster, allowedOnTopic } from './authorize.js';

interface TopicAnswer {
  name: string | null;
  errorCode: ErrorCode;
  topic: Topic | undefined;
}

interface MetadataRequest {
  readonly topics: readonly { name: string | null; topicId: string }[] | null;
  readonly allowAutoTopicCreation: boolean;
}

export const metadataHandler = defineHandler<MetadataRequest>({
  name: 'Metadata',
  apiKey: ApiKey.Metadata,
  handle({ topics, allowAutoTopicCreation }, context) {
    const { version, broker, advertised } = context;
    // "Every topic" is a null list, or in v0 an empty one (kafkajs sends null for both).
    const everyTopic = topics === null || (version === 0 && topics.length === 0);
    // As Kafka: "every topic" lists only those the principal may describe.
    const answers = everyTopic
      ? broker.topics
          .all()
          .filter((topic) => allowedOnTopic(context, AclOperation.DESCRIBE, topic.name))
          .map((topic) => ({ name: topic.name, errorCode: ErrorCode.NONE, topic }))
      : topics.map((wanted) =>
          wanted.name === null
            ? byId(context, wanted.topicId)
            : resolveTopic(context, wanted.name, allowAutoTopicCreation),
        );
    return {
      brokers: [{ nodeId: NODE_ID, host: advertised.host, port: advertised.port }],
      clusterId: CLUSTER_ID,
      controllerId: NODE_ID,
      topics: answers.map(({ name, errorCode, topic }) => ({
        errorCode,
        name,
        topicId: topic?.id,
        partitions: (topic?.partitions ?? []).map((_log, partitionIndex) => ({
          errorCode: ErrorCode.NONE,
          partitionIndex,
          leaderId: NODE_ID,
          replicaNodes: [NODE_ID],
          isrNodes: [NODE_ID],
        })),
      })),
    };
  },
});

function byId(context: RequestContext, topicId: string): TopicAnswer {
  const topic = context.broker.topics.withId(topicId);
  if (topic && !allowedOnTopic(context, AclOperation.DESCRIBE, topic.name))
    return { name: null, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, topic: undefined };
  return topic
    ? { name: topic.name, errorCode: ErrorCode.NONE, topic }
    : { name: null, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, topic: undefined };
}

function resolveTopic(
  context: RequestContext,
  name: string,
  allowAutoCreate: boolean,
): TopicAnswer {
  const { broker } = context;
  // Kafka answers an undescribable topic the same whether or not it exists.
  if (!allowedOnTopic(context, AclOperation.DESCRIBE, name))
    return { name, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, topic: undefined };
  const existing = broker.topics.get(name);
  if (existing) return { name, errorCode: ErrorCode.NONE, topic: existing };
  if (!isLegalTopicName(name))
    return { name, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, topic: undefined };
  if (!allowAutoCreate || !broker.settings.autoCreateTopics) {
    return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic: undefined };
  }
  const creatable =
    allowedOnCluster(context, AclOperation.CREATE) ||
    allowedOnTopic(context, AclOperation.CREATE, name);
  if (!creatable)
    return { name, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, topic: undefined };
  // As Kafka 4.x: the request that triggers creation is answered "unknown";
  // the topic is there for the next one (producers retry, a subscribe fails).
  broker.topics.create(name, broker.settings.defaultPartitions);
  return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic: undefined };
}
