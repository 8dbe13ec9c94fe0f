import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { defineHandler } from './api-handler.js';

// A version above the known ones never gets here: the exchange answers it in the
// v0 layout (KIP-511). Features (v3+, tagged) are left out: nothing here has any.
export const apiVersionsHandler = defineHandler<unknown>({
  name: 'ApiVersions',
  apiKey: ApiKey.ApiVersions,
  handle(_request, { broker }) {
    return { errorCode: ErrorCode.NONE, apiKeys: broker.supportedApis };
  },
});
