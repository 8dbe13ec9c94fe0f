import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

export const deleteTopicsHandler: ApiHandler = {
  name: 'DeleteTopics',
  apiKey: ApiKey.DeleteTopics,
  minVersion: 0,
  maxVersion: 1,
  handle(context) {
    const { body, version, broker } = context;
    const names = body.array((reader) => reader.string());
    body.int32(); // timeout: deletion is immediate
    const out = startResponse(context);
    if (version >= 1) out.int32(0);
    return out.array(names, (writer, name) => {
      if (!broker.topics.get(name)) {
        writer.string(name).int16(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        return;
      }
      broker.topics.delete(name);
      broker.coordinator.offsets.forgetTopic(name);
      broker.producers.forgetPartitionsOf(name);
      writer.string(name).int16(ErrorCode.NONE);
    });
  },
};
