import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { defineHandler } from './api-handler.js';

// Gives each idempotent producer its id (epoch 0). A transactional producer gets
// one too, then fails fast in its client because the transaction APIs are not
// advertised. An empty (not null) transactional id is INVALID_REQUEST, as in Kafka 4.4.
export const initProducerIdHandler = defineHandler<{ readonly transactionalId: string | null }>({
  name: 'InitProducerId',
  apiKey: ApiKey.InitProducerId,
  handle({ transactionalId }, { broker }) {
    if (transactionalId === '')
      return { errorCode: ErrorCode.INVALID_REQUEST, producerId: -1, producerEpoch: -1 };
    return {
      errorCode: ErrorCode.NONE,
      producerId: broker.producers.allocateProducerId(),
      producerEpoch: 0,
    };
  },
});
