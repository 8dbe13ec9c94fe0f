import { syncFailure, type SyncResult } from '../groups/group-member.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { MessageValue } from '../protocol/schema/message-codec.js';
import { AclOperation, allowedOnGroup } from './authorize.js';
import { defineHandler } from './api-handler.js';

interface SyncGroupRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly assignments: readonly { memberId: string; assignment: Buffer }[];
}

export const syncGroupHandler = defineHandler<SyncGroupRequest>({
  name: 'SyncGroup',
  apiKey: ApiKey.SyncGroup,
  handle({ groupId, generationId, memberId, assignments }, context) {
    const { broker } = context;
    if (!allowedOnGroup(context, AclOperation.READ, groupId))
      return encodeSync(syncFailure(ErrorCode.GROUP_AUTHORIZATION_FAILED), null, null);
    const group = broker.coordinator.find(groupId);
    if (!group) return encodeSync(syncFailure(ErrorCode.UNKNOWN_MEMBER_ID), null, null);
    // v5 echoes the group's protocol type and name: the Java client checks them.
    const answer = (result: SyncResult) =>
      result.errorCode === ErrorCode.NONE
        ? encodeSync(result, group.protocolType, group.protocolName)
        : encodeSync(result, null, null);
    const result = group.sync(
      memberId,
      generationId,
      new Map(assignments.map(({ memberId: id, assignment }) => [id, Buffer.from(assignment)])),
    );
    return result instanceof Promise ? result.then(answer) : answer(result);
  },
});

function encodeSync(
  result: SyncResult,
  protocolType: string | null,
  protocolName: string | null,
): MessageValue {
  return {
    errorCode: result.errorCode,
    protocolType,
    protocolName,
    assignment: result.assignment,
  };
}
