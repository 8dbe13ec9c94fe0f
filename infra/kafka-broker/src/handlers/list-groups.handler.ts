import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

export const listGroupsHandler: ApiHandler = {
  name: 'ListGroups',
  apiKey: ApiKey.ListGroups,
  minVersion: 0,
  maxVersion: 2,
  handle(context) {
    const { coordinator } = context.broker;
    const out = startResponse(context);
    if (context.version >= 1) out.int32(0);
    out.int16(ErrorCode.NONE);
    return out.array(coordinator.groupIds(), (writer, groupId) => {
      writer.string(groupId).string(coordinator.find(groupId)?.protocolType ?? '');
    });
  },
};
