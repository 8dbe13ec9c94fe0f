export { type SqlClient } from './lib/sql/sql-client.js';
export { inbox } from './lib/inbox/inbox.js';
export {
  IdempotencyKeyStore,
  type IdempotencyKeyStoreOptions,
  type KeyClaim,
} from './lib/http/idempotency-key.store.js';
export { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from './lib/http/idempotency-key.js';
export {
  BodyNotIJsonError,
  fingerprintRequest,
  type FingerprintedRequest,
} from './lib/http/request-fingerprint.js';
export {
  isStoredStatus,
  REPLAYED_HEADER,
  REPLAYED_HEADERS,
  type StoredResponse,
} from './lib/http/stored-response.js';
export { responseOfFailure, responseOfResult } from './lib/http/response-capture.js';
export { Idempotent } from './lib/http/idempotent.decorator.js';
export { type IdempotentOptions } from './lib/http/idempotent.metadata.js';
export { IdempotencyInterceptor } from './lib/http/idempotency.interceptor.js';
export { IdempotencyModule, type IdempotencyModuleOptions } from './lib/http/idempotency.module.js';
export { InboxModule, type InboxModuleOptions } from './lib/inbox/inbox.module.js';
export { inboxHousekeeping } from './lib/inbox/inbox-housekeeping.feature.js';
export { IdempotencyKeyParam } from './lib/http/idempotency-key.param.js';
export {
  KeyNotClaimedError,
  TransactionalKey,
  type KeyRefusal,
} from './lib/operation/transactional-key.js';
export {
  IdempotentOperations,
  type KeyedOutcome,
  type KeyedRequest,
} from './lib/operation/idempotent-operations.js';
