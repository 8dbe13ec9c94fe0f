import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

export const leaveGroupHandler: ApiHandler = {
  name: 'LeaveGroup',
  apiKey: ApiKey.LeaveGroup,
  minVersion: 0,
  maxVersion: 3,
  handle(context) {
    const { body, version, broker } = context;
    const groupId = body.string();
    // v3 names a list of members; earlier versions exactly one.
    const members =
      version >= 3
        ? body.array((member) => ({
            memberId: member.string(),
            groupInstanceId: member.nullableString(),
          }))
        : [{ memberId: body.string(), groupInstanceId: null }];
    const group = broker.coordinator.find(groupId);
    const results = members.map((member) => ({
      ...member,
      errorCode: group?.leave(member.memberId) ?? ErrorCode.UNKNOWN_MEMBER_ID,
    }));

    const out = startResponse(context);
    if (version >= 1) out.int32(0);
    if (version < 3) return out.int16(results[0]?.errorCode ?? ErrorCode.NONE);
    out.int16(ErrorCode.NONE);
    return out.array(results, (writer, result) => {
      writer.string(result.memberId).string(result.groupInstanceId).int16(result.errorCode);
    });
  },
};
