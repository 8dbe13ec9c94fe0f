import { status } from '@grpc/grpc-js';
import {
  assertUnreachable,
  ErrorClass,
  errorClassOfGrpcStatus,
  mappingOf,
  type GrpcErrorStatus,
} from '@shop/contracts';

const errorStatuses = new Map<number, GrpcErrorStatus>(
  Object.values(status)
    .filter((value): value is GrpcErrorStatus => typeof value === 'number' && value !== status.OK)
    .map((value) => [value, value]),
);

/** The gRPC status a call failed with, or undefined for an error that is no gRPC status. */
export function grpcStatusOf(error: unknown): GrpcErrorStatus | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'number' ? errorStatuses.get(code) : undefined;
}

/**
 * Whether another attempt may succeed: the classes libs/contracts advises to
 * retry "with backoff" (UNAVAILABLE, RESOURCE_EXHAUSTED, ABORTED) — except
 * DEADLINE_EXCEEDED, whose outcome must be resolved before anything is retried.
 */
export function isRetryableGrpcError(error: unknown): boolean {
  const code = grpcStatusOf(error);
  if (code === undefined) return false;
  const errorClass = errorClassOfGrpcStatus(code);
  return (
    errorClass !== ErrorClass.DEADLINE_EXCEEDED && mappingOf(errorClass).retry === 'with-backoff'
  );
}

/**
 * Whether an error says the *service* is unwell (what a circuit breaker
 * counts), as opposed to a business answer such as NOT_FOUND or a decline.
 */
export function isServiceFailure(error: unknown): boolean {
  const code = grpcStatusOf(error);
  // Not a gRPC status at all: a timeout of ours, a dropped connection.
  if (code === undefined) return true;
  const errorClass = errorClassOfGrpcStatus(code);
  switch (errorClass) {
    case ErrorClass.UNAVAILABLE:
    case ErrorClass.DEADLINE_EXCEEDED:
    case ErrorClass.RESOURCE_EXHAUSTED:
    case ErrorClass.INTERNAL:
      return true;
    case ErrorClass.INVALID_ARGUMENT:
    case ErrorClass.UNAUTHENTICATED:
    case ErrorClass.PERMISSION_DENIED:
    case ErrorClass.NOT_FOUND:
    case ErrorClass.FAILED_PRECONDITION:
    case ErrorClass.CONFLICT:
      return false;
    default:
      return assertUnreachable(errorClass);
  }
}
