import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { NODE_ID, defineHandler } from './api-handler.js';
import { AclOperation, allowedOnGroup } from './authorize.js';

interface FindCoordinatorRequest {
  /** v0–3: one key. */
  readonly key: string;
  /** v4+: a batch of keys. */
  readonly coordinatorKeys: readonly string[];
  /** 0: a consumer group, 1: a transactional id. */
  readonly keyType: number;
}

const GROUP_KEY = 0;
const NO_NODE = { nodeId: -1, host: '', port: -1 };

// One node: it coordinates every group (and would every transaction).
export const findCoordinatorHandler = defineHandler<FindCoordinatorRequest>({
  name: 'FindCoordinator',
  apiKey: ApiKey.FindCoordinator,
  handle({ key, coordinatorKeys, keyType }, context) {
    const { advertised } = context;
    const node = { nodeId: NODE_ID, host: advertised.host, port: advertised.port };
    // A group's coordinator is only found by a principal that may DESCRIBE the group.
    const answer = (groupOrId: string) =>
      keyType === GROUP_KEY && !allowedOnGroup(context, AclOperation.DESCRIBE, groupOrId)
        ? { ...NO_NODE, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, errorMessage: null }
        : { ...node, errorCode: ErrorCode.NONE, errorMessage: null };
    return {
      ...answer(key),
      coordinators: coordinatorKeys.map((groupOrId) => ({ key: groupOrId, ...answer(groupOrId) })),
    };
  },
});
