export {
  CallPolicy,
  defaultCallPolicyOptions,
  type AttemptContext,
  type ExecuteOptions,
} from './lib/call-policy.js';
export type { CallPolicyOptions } from './lib/call-policy.options.js';
export {
  grpcStatusOf,
  isRetryableGrpcError,
  isServiceFailure,
} from './lib/grpc-error.classification.js';
export { RetryBudget, type RetryBudgetOptions } from './lib/retry-budget.js';
// The errors a CallPolicy rejects with when it refuses to call at all.
export { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
