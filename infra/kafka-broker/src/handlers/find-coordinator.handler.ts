import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { NODE_ID, defineHandler } from './api-handler.js';

interface FindCoordinatorRequest {
  /** v0–3: one key. */
  readonly key: string;
  /** v4+: a batch of keys. */
  readonly coordinatorKeys: readonly string[];
}

// One node: it coordinates every group (and would every transaction).
export const findCoordinatorHandler = defineHandler<FindCoordinatorRequest>({
  name: 'FindCoordinator',
  apiKey: ApiKey.FindCoordinator,
  handle({ coordinatorKeys }, { advertised }) {
    const node = { nodeId: NODE_ID, host: advertised.host, port: advertised.port };
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      ...node,
      coordinators: coordinatorKeys.map((key) => ({
        key,
        ...node,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
      })),
    };
  },
});
