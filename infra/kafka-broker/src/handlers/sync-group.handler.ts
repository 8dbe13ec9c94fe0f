import { syncFailure, type SyncResult } from '../groups/group-member.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import {
  startResponse,
  type ApiHandler,
  type HandlerResult,
  type RequestContext,
} from './api-handler.js';

export const syncGroupHandler: ApiHandler = {
  name: 'SyncGroup',
  apiKey: ApiKey.SyncGroup,
  minVersion: 0,
  maxVersion: 3,
  handle(context) {
    const { body, version, broker } = context;
    const groupId = body.string();
    const generationId = body.int32();
    const memberId = body.string();
    if (version >= 3) body.nullableString(); // group instance id: static membership is not supported
    const assignments = new Map(
      body.array((assignment) => [assignment.string(), Buffer.from(assignment.bytes())] as const),
    );
    const group = broker.coordinator.find(groupId);
    if (!group) return encodeSync(context, syncFailure(ErrorCode.UNKNOWN_MEMBER_ID));
    const result = group.sync(memberId, generationId, assignments);
    return result instanceof Promise
      ? result.then((synced) => encodeSync(context, synced))
      : encodeSync(context, result);
  },
};

function encodeSync(context: RequestContext, result: SyncResult): HandlerResult {
  const out = startResponse(context);
  if (context.version >= 1) out.int32(0);
  return out.int16(result.errorCode).bytes(result.assignment);
}
