import type { JoinResult } from '../groups/group-member.js';
import { joinFailure } from '../groups/group-member.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import {
  startResponse,
  type ApiHandler,
  type HandlerResult,
  type RequestContext,
} from './api-handler.js';

export const joinGroupHandler: ApiHandler = {
  name: 'JoinGroup',
  apiKey: ApiKey.JoinGroup,
  minVersion: 2,
  maxVersion: 5,
  handle(context) {
    const { body, version, broker } = context;
    const groupId = body.string();
    const sessionTimeoutMs = body.int32();
    const rebalanceTimeoutMs = body.int32();
    const memberId = body.string();
    const groupInstanceId = version >= 5 ? body.nullableString() : null;
    const protocolType = body.string();
    const protocols = body.array((protocol) => ({
      name: protocol.string(),
      metadata: Buffer.from(protocol.bytes()),
    }));

    if (groupId === '')
      return encodeJoin(context, joinFailure(ErrorCode.INVALID_GROUP_ID, memberId));
    if (!broker.coordinator.acceptsSessionTimeout(sessionTimeoutMs)) {
      return encodeJoin(context, joinFailure(ErrorCode.INVALID_SESSION_TIMEOUT, memberId));
    }
    const result = broker.coordinator.findOrCreate(groupId).join({
      memberId,
      groupInstanceId,
      clientId: context.clientId,
      clientHost: context.clientHost,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      protocolType,
      protocols,
    });
    return result instanceof Promise
      ? result.then((joined) => encodeJoin(context, joined))
      : encodeJoin(context, result);
  },
};

function encodeJoin(context: RequestContext, result: JoinResult): HandlerResult {
  const out = startResponse(context).int32(0).int16(result.errorCode).int32(result.generationId);
  out.string(result.protocolName).string(result.leaderId).string(result.memberId);
  return out.array(result.members, (writer, member) => {
    writer.string(member.memberId);
    if (context.version >= 5) writer.string(member.groupInstanceId);
    writer.bytes(member.metadata);
  });
}
