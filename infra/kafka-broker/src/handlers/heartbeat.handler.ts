import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

// REBALANCE_IN_PROGRESS here is what tells a kafkajs member to commit and rejoin.
export const heartbeatHandler: ApiHandler = {
  name: 'Heartbeat',
  apiKey: ApiKey.Heartbeat,
  minVersion: 0,
  maxVersion: 3,
  handle(context) {
    const { body, version, broker } = context;
    const groupId = body.string();
    const generationId = body.int32();
    const memberId = body.string();
    if (version >= 3) body.nullableString(); // group instance id
    const errorCode =
      broker.coordinator.find(groupId)?.heartbeat(memberId, generationId) ??
      ErrorCode.UNKNOWN_MEMBER_ID;
    const out = startResponse(context);
    if (version >= 1) out.int32(0);
    return out.int16(errorCode);
  },
};
