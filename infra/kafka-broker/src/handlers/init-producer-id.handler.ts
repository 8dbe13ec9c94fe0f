import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { defineHandler } from './api-handler.js';

// Gives each idempotent producer its id (epoch 0). A transactional producer gets
// one too, then fails fast in its client because the transaction APIs are not advertised.
export const initProducerIdHandler = defineHandler<unknown>({
  name: 'InitProducerId',
  apiKey: ApiKey.InitProducerId,
  handle(_request, { broker }) {
    return {
      errorCode: ErrorCode.NONE,
      producerId: broker.producers.allocateProducerId(),
      producerEpoch: 0,
    };
  },
});
