import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

// Gives each idempotent producer its id (epoch 0). A transactional producer gets
// one too, then fails fast in kafkajs because the transaction APIs are not advertised.
export const initProducerIdHandler: ApiHandler = {
  name: 'InitProducerId',
  apiKey: ApiKey.InitProducerId,
  minVersion: 0,
  maxVersion: 1,
  handle(context) {
    const producerId = context.broker.producers.allocateProducerId();
    return startResponse(context).int32(0).int16(ErrorCode.NONE).int64(producerId).int16(0);
  },
};
