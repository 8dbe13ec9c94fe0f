import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { AclOperation, allowedOnGroup } from './authorize.js';
import { defineHandler } from './api-handler.js';

interface LeaveGroupRequest {
  readonly groupId: string;
  /** v0–2: the one member leaving. */
  readonly memberId: string;
  /** v3+: a list of members. */
  readonly members: readonly { memberId: string; groupInstanceId: string | null }[];
}

export const leaveGroupHandler = defineHandler<LeaveGroupRequest>({
  name: 'LeaveGroup',
  apiKey: ApiKey.LeaveGroup,
  handle(request, context) {
    const { version, broker } = context;
    if (!allowedOnGroup(context, AclOperation.READ, request.groupId))
      return { errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, members: [] };
    const leaving =
      version >= 3 ? request.members : [{ memberId: request.memberId, groupInstanceId: null }];
    const group = broker.coordinator.find(request.groupId);
    const members = leaving.map(({ memberId, groupInstanceId }) => ({
      memberId,
      groupInstanceId,
      errorCode: group?.leave(memberId) ?? ErrorCode.UNKNOWN_MEMBER_ID,
    }));
    // Before v3 the member's own error is the top-level one.
    const errorCode = version >= 3 ? ErrorCode.NONE : (members[0]?.errorCode ?? ErrorCode.NONE);
    return { errorCode, members };
  },
});
