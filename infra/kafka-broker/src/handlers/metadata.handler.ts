import { isLegalTopicName, type Topic } from '../log/topic-registry.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import {
  CLUSTER_ID,
  NODE_ID,
  startResponse,
  type ApiHandler,
  type BrokerContext,
} from './api-handler.js';

interface TopicAnswer {
  name: string;
  errorCode: ErrorCode;
  topic: Topic | undefined;
}

export const metadataHandler: ApiHandler = {
  name: 'Metadata',
  apiKey: ApiKey.Metadata,
  minVersion: 4,
  maxVersion: 6,
  handle(context) {
    const { body, version, broker } = context;
    // A null list (kafkajs also sends an empty one as null) means every topic.
    const requested = body.nullableArray((reader) => reader.string());
    const allowAutoCreate = body.boolean();
    const answers = requested
      ? requested.map((name) => resolveTopic(broker, name, allowAutoCreate))
      : broker.topics
          .all()
          .map((topic) => ({ name: topic.name, errorCode: ErrorCode.NONE, topic }));

    const out = startResponse(context).int32(0);
    out.array([NODE_ID], (writer, nodeId) => {
      writer
        .int32(nodeId)
        .string(context.advertised.host)
        .int32(context.advertised.port)
        .string(null);
    });
    out.string(CLUSTER_ID).int32(NODE_ID);
    out.array(answers, (writer, { name, errorCode, topic }) => {
      writer.int16(errorCode).string(name).boolean(false);
      writer.array(topic?.partitions ?? [], (partitionWriter, _log, index) => {
        partitionWriter.int16(ErrorCode.NONE).int32(index).int32(NODE_ID);
        partitionWriter
          .array([NODE_ID], (w, id) => w.int32(id))
          .array([NODE_ID], (w, id) => w.int32(id));
        if (version >= 5) partitionWriter.array([], () => undefined);
      });
    });
    return out;
  },
};

function resolveTopic(broker: BrokerContext, name: string, allowAutoCreate: boolean): TopicAnswer {
  const existing = broker.topics.get(name);
  if (existing) return { name, errorCode: ErrorCode.NONE, topic: existing };
  if (!isLegalTopicName(name))
    return { name, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, topic: undefined };
  if (!allowAutoCreate || !broker.settings.autoCreateTopics) {
    return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic: undefined };
  }
  // As Kafka 4.x: the request that triggers creation is answered "unknown";
  // the topic is there for the next one (producers retry, a subscribe fails).
  broker.topics.create(name, broker.settings.defaultPartitions);
  return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic: undefined };
}
