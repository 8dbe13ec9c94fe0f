import type { JoinResult } from '../groups/group-member.js';
import { joinFailure } from '../groups/group-member.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { MessageValue } from '../protocol/schema/message-codec.js';
import { AclOperation, allowedOnGroup } from './authorize.js';
import { defineHandler } from './api-handler.js';

interface JoinGroupRequest {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly protocolType: string;
  readonly protocols: readonly { name: string; metadata: Buffer }[];
}

// Static membership (group instance id) is not supported: the id is kept and
// echoed, never used to replace a member.
export const joinGroupHandler = defineHandler<JoinGroupRequest>({
  name: 'JoinGroup',
  apiKey: ApiKey.JoinGroup,
  handle(request, context) {
    const { broker, clientId, clientHost } = context;
    const { groupId, sessionTimeoutMs, memberId, protocolType } = request;
    const answer = (result: JoinResult) => encodeJoin(result, protocolType);
    if (!allowedOnGroup(context, AclOperation.READ, groupId))
      return answer(joinFailure(ErrorCode.GROUP_AUTHORIZATION_FAILED, memberId));
    if (groupId === '') return answer(joinFailure(ErrorCode.INVALID_GROUP_ID, memberId));
    if (!broker.coordinator.acceptsSessionTimeout(sessionTimeoutMs))
      return answer(joinFailure(ErrorCode.INVALID_SESSION_TIMEOUT, memberId));
    const result = broker.coordinator.findOrCreate(groupId).join({
      memberId,
      groupInstanceId: request.groupInstanceId,
      clientId,
      clientHost,
      sessionTimeoutMs,
      // v0 has no rebalance timeout: Kafka uses the session timeout for both.
      rebalanceTimeoutMs:
        request.rebalanceTimeoutMs < 0 ? sessionTimeoutMs : request.rebalanceTimeoutMs,
      protocolType,
      // Kept beyond the request: copied out of the frame.
      protocols: request.protocols.map(({ name, metadata }) => ({
        name,
        metadata: Buffer.from(metadata),
      })),
    });
    return result instanceof Promise ? result.then(answer) : answer(result);
  },
});

function encodeJoin(result: JoinResult, protocolType: string): MessageValue {
  return {
    errorCode: result.errorCode,
    generationId: result.generationId,
    protocolType: result.errorCode === ErrorCode.NONE ? protocolType : null,
    protocolName: result.protocolName,
    leader: result.leaderId,
    memberId: result.memberId,
    members: result.members,
  };
}
