import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

// A client asking above v2 gets the v0 layout with UNSUPPORTED_VERSION and the
// list, and retries with a version both sides know (KIP-511 behaviour).
export const apiVersionsHandler: ApiHandler = {
  name: 'ApiVersions',
  apiKey: ApiKey.ApiVersions,
  minVersion: 0,
  maxVersion: 2,
  handle(context) {
    const supported = context.version <= this.maxVersion;
    const out = startResponse(context).int16(
      supported ? ErrorCode.NONE : ErrorCode.UNSUPPORTED_VERSION,
    );
    out.array(context.broker.supportedApis, (writer, api) => {
      writer.int16(api.apiKey).int16(api.minVersion).int16(api.maxVersion);
    });
    if (supported && context.version >= 1) out.int32(0);
    return out;
  },
};
