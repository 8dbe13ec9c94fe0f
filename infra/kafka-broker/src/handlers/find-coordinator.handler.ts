import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { NODE_ID, startResponse, type ApiHandler } from './api-handler.js';

// One node: it coordinates every group (and would every transaction).
export const findCoordinatorHandler: ApiHandler = {
  name: 'FindCoordinator',
  apiKey: ApiKey.FindCoordinator,
  minVersion: 0,
  maxVersion: 2,
  handle(context) {
    const { version, advertised } = context;
    const out = startResponse(context);
    if (version >= 1) out.int32(0);
    out.int16(ErrorCode.NONE);
    if (version >= 1) out.string(null);
    return out.int32(NODE_ID).string(advertised.host).int32(advertised.port);
  },
};
