import { isLegalTopicName, type Topic } from '../log/topic-registry.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { CLUSTER_ID, NODE_ID, defineHandler, type BrokerContext } from './api-handler.js';

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
  handle({ topics, allowAutoTopicCreation }, { version, broker, advertised }) {
    // "Every topic" is a null list, or in v0 an empty one (kafkajs sends null for both).
    const everyTopic = topics === null || (version === 0 && topics.length === 0);
    const answers = everyTopic
      ? broker.topics.all().map((topic) => ({ name: topic.name, errorCode: ErrorCode.NONE, topic }))
      : topics.map((wanted) =>
          wanted.name === null
            ? byId(broker, wanted.topicId)
            : resolveTopic(broker, wanted.name, allowAutoTopicCreation),
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

function byId(broker: BrokerContext, topicId: string): TopicAnswer {
  const topic = broker.topics.withId(topicId);
  return topic
    ? { name: topic.name, errorCode: ErrorCode.NONE, topic }
    : { name: null, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, topic: undefined };
}

function resolveTopic(broker: BrokerContext, name: string, allowAutoCreate: boolean): TopicAnswer {
  const existing = broker.topics.get(name);
  if (existing) return { name, errorCode: ErrorCode.NONE, topic: existing };
  if (!isLegalTopicName(name))
    return { name, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, topic: undefined };
  if (!allowAutoCreate || !broker.settings.autoCreateTopics) {
    return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic: undefined };
  }
  const topic = broker.topics.create(name, broker.settings.defaultPartitions);
  return { name, errorCode: ErrorCode.NONE, topic };
}
