import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { AclOperation, allowedOnGroup } from './authorize.js';
import { defineHandler } from './api-handler.js';

interface HeartbeatRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
}

// REBALANCE_IN_PROGRESS here is what tells a member to commit and rejoin.
export const heartbeatHandler = defineHandler<HeartbeatRequest>({
  name: 'Heartbeat',
  apiKey: ApiKey.Heartbeat,
  handle({ groupId, generationId, memberId }, context) {
    const { broker } = context;
    if (!allowedOnGroup(context, AclOperation.READ, groupId))
      return { errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED };
    const errorCode =
      broker.coordinator.find(groupId)?.heartbeat(memberId, generationId) ??
      ErrorCode.UNKNOWN_MEMBER_ID;
    return { errorCode };
  },
});
