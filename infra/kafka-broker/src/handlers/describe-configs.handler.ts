import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { NODE_ID, defineHandler, type BrokerContext } from './api-handler.js';
import { AclOperation, allowedOnCluster, allowedOnTopic } from './authorize.js';

interface DescribeConfigsRequest {
  readonly resources: readonly {
    resourceType: number;
    resourceName: string;
    configurationKeys: readonly string[] | null;
  }[];
}

const TOPIC = 2;
const BROKER = 4;
// Kafka's ConfigSource and ConfigType values.
const STATIC_BROKER_CONFIG = 4;
const DEFAULT_CONFIG = 5;
const TYPE_STRING = 2;
const TYPE_LONG = 5;

// What every log really obeys here: the broker-wide settings (there are no
// per-topic configs), under their topic and their broker names.
// kafka-topics --describe lists the non-default ones.
function configsOf(broker: BrokerContext, resourceType: number) {
  const { retentionBytes, segmentBytes, maxBatchBytes } = broker.settings;
  const topic = resourceType === TOPIC;
  const entry = (topicName: string, brokerName: string, value: string, source: number) => ({
    name: topic ? topicName : brokerName,
    value,
    source,
    type: value === 'delete' ? TYPE_STRING : TYPE_LONG,
  });
  return [
    entry('cleanup.policy', 'log.cleanup.policy', 'delete', DEFAULT_CONFIG),
    entry('max.message.bytes', 'message.max.bytes', `${maxBatchBytes}`, STATIC_BROKER_CONFIG),
    entry('retention.bytes', 'log.retention.bytes', `${retentionBytes}`, STATIC_BROKER_CONFIG),
    entry('retention.ms', 'log.retention.ms', '-1', DEFAULT_CONFIG),
    entry('segment.bytes', 'log.segment.bytes', `${segmentBytes}`, STATIC_BROKER_CONFIG),
  ];
}

export const describeConfigsHandler = defineHandler<DescribeConfigsRequest>({
  name: 'DescribeConfigs',
  apiKey: ApiKey.DescribeConfigs,
  handle({ resources }, context) {
    const { broker } = context;
    return {
      results: resources.map(({ resourceType, resourceName, configurationKeys }) => {
        const permitted =
          resourceType === TOPIC
            ? allowedOnTopic(context, AclOperation.DESCRIBE_CONFIGS, resourceName)
            : allowedOnCluster(context, AclOperation.DESCRIBE_CONFIGS);
        const failure: [ErrorCode, string] | undefined = permitted
          ? problem(broker, resourceType, resourceName)
          : resourceType === TOPIC
            ? [ErrorCode.TOPIC_AUTHORIZATION_FAILED, 'Topic authorization failed.']
            : [ErrorCode.CLUSTER_AUTHORIZATION_FAILED, 'Cluster authorization failed.'];
        const configs = failure
          ? []
          : configsOf(broker, resourceType)
              .filter(({ name }) => configurationKeys?.includes(name) ?? true)
              .map(({ name, value, source, type }) => ({
                name,
                value,
                readOnly: true,
                configSource: source,
                isSensitive: false,
                configType: type,
                documentation: null,
              }));
        return {
          errorCode: failure?.[0] ?? ErrorCode.NONE,
          errorMessage: failure?.[1] ?? null,
          resourceType,
          resourceName,
          configs,
        };
      }),
    };
  },
});

function problem(
  broker: BrokerContext,
  resourceType: number,
  resourceName: string,
): [ErrorCode, string] | undefined {
  if (resourceType === TOPIC && !broker.topics.get(resourceName))
    return [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${resourceName}' does not exist.`];
  if (resourceType === BROKER && resourceName !== '' && resourceName !== `${NODE_ID}`)
    return [ErrorCode.INVALID_REQUEST, `Unexpected broker id, expected ${NODE_ID}.`];
  if (resourceType !== TOPIC && resourceType !== BROKER)
    return [ErrorCode.INVALID_REQUEST, `Unsupported resource type ${resourceType}.`];
  return undefined;
}
