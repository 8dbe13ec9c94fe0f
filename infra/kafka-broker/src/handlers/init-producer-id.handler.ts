import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { defineHandler } from './api-handler.js';
import { AclOperation, allowedOnCluster, principalOf, ResourceType } from './authorize.js';

// Gives each idempotent producer its id (epoch 0). A transactional producer gets
// one too, then fails fast in its client because the transaction APIs are not
// advertised. An empty (not null) transactional id is INVALID_REQUEST, as in Kafka 4.4.
export const initProducerIdHandler = defineHandler<{ readonly transactionalId: string | null }>({
  name: 'InitProducerId',
  apiKey: ApiKey.InitProducerId,
  handle({ transactionalId }, context) {
    const { broker } = context;
    if (transactionalId === '')
      return { errorCode: ErrorCode.INVALID_REQUEST, producerId: -1, producerEpoch: -1 };
    // As Kafka ≥ 3.0: an idempotent producer needs IDEMPOTENT_WRITE on the cluster or WRITE on some topic.
    const idempotentWrite =
      allowedOnCluster(context, AclOperation.IDEMPOTENT_WRITE) ||
      (broker.authorizer?.authorizeAnyOfType(
        principalOf(context),
        AclOperation.WRITE,
        ResourceType.TOPIC,
      ) ??
        true);
    if (transactionalId === null && !idempotentWrite)
      return {
        errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
        producerId: -1,
        producerEpoch: -1,
      };
    return {
      errorCode: ErrorCode.NONE,
      producerId: broker.producers.allocateProducerId(),
      producerEpoch: 0,
    };
  },
});
