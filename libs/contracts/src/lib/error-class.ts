import { status } from '@grpc/grpc-js';
import { assertUnreachable } from './assert-unreachable.js';

/**
 * The classes a failed gRPC call falls into, with the retry advice of each:
 * what `@shop/resilience` retries and what its circuit breaker counts. Domain
 * errors do not use them; each service maps its own errors to its transport
 * (e.g. payment's `payment-errors.grpc.ts`, checkout's `*.problem.ts`).
 */
export enum ErrorClass {
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  PERMISSION_DENIED = 'PERMISSION_DENIED',
  NOT_FOUND = 'NOT_FOUND',
  /** A business rule refused the request (card declined, course full). */
  FAILED_PRECONDITION = 'FAILED_PRECONDITION',
  /** A concurrent request holds the resource (same idempotency key in flight). */
  CONFLICT = 'CONFLICT',
  RESOURCE_EXHAUSTED = 'RESOURCE_EXHAUSTED',
  INTERNAL = 'INTERNAL',
  UNAVAILABLE = 'UNAVAILABLE',
  /** The outcome is unknown: the work may or may not have happened. */
  DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED',
}

/** What a caller may do about an error. Retrying a write also needs an idempotency key. */
export type RetryAdvice = 'never' | 'once' | 'with-backoff';

/** The gRPC status an error class is sent as, and what a caller may do about it. */
export interface ErrorClassMapping {
  readonly grpcStatus: status;
  readonly retry: RetryAdvice;
}

/** The gRPC status and retry advice of an error class. */
export function mappingOf(errorClass: ErrorClass): ErrorClassMapping {
  switch (errorClass) {
    case ErrorClass.INVALID_ARGUMENT:
      return { grpcStatus: status.INVALID_ARGUMENT, retry: 'never' };
    case ErrorClass.UNAUTHENTICATED:
      return { grpcStatus: status.UNAUTHENTICATED, retry: 'never' };
    case ErrorClass.PERMISSION_DENIED:
      return { grpcStatus: status.PERMISSION_DENIED, retry: 'never' };
    case ErrorClass.NOT_FOUND:
      return { grpcStatus: status.NOT_FOUND, retry: 'never' };
    case ErrorClass.FAILED_PRECONDITION:
      return { grpcStatus: status.FAILED_PRECONDITION, retry: 'never' };
    case ErrorClass.CONFLICT:
      return { grpcStatus: status.ABORTED, retry: 'with-backoff' };
    case ErrorClass.RESOURCE_EXHAUSTED:
      return { grpcStatus: status.RESOURCE_EXHAUSTED, retry: 'with-backoff' };
    case ErrorClass.INTERNAL:
      return { grpcStatus: status.INTERNAL, retry: 'once' };
    case ErrorClass.UNAVAILABLE:
      return { grpcStatus: status.UNAVAILABLE, retry: 'with-backoff' };
    case ErrorClass.DEADLINE_EXCEEDED:
      return { grpcStatus: status.DEADLINE_EXCEEDED, retry: 'with-backoff' };
    default:
      return assertUnreachable(errorClass);
  }
}

/** Any gRPC status but OK, i.e. every status a failed call can end with. */
export type GrpcErrorStatus = Exclude<status, status.OK>;

/**
 * The error class of a gRPC status a call failed with. Every class maps back
 * to itself; the statuses no class produces fold into the nearest class.
 */
export function errorClassOfGrpcStatus(code: GrpcErrorStatus): ErrorClass {
  switch (code) {
    case status.INVALID_ARGUMENT:
    case status.OUT_OF_RANGE:
      return ErrorClass.INVALID_ARGUMENT;
    case status.UNAUTHENTICATED:
      return ErrorClass.UNAUTHENTICATED;
    case status.PERMISSION_DENIED:
      return ErrorClass.PERMISSION_DENIED;
    case status.NOT_FOUND:
      return ErrorClass.NOT_FOUND;
    case status.FAILED_PRECONDITION:
      return ErrorClass.FAILED_PRECONDITION;
    case status.ABORTED:
    case status.ALREADY_EXISTS:
      return ErrorClass.CONFLICT;
    case status.RESOURCE_EXHAUSTED:
      return ErrorClass.RESOURCE_EXHAUSTED;
    case status.UNKNOWN:
    case status.INTERNAL:
    case status.UNIMPLEMENTED:
    case status.DATA_LOSS:
      return ErrorClass.INTERNAL;
    case status.UNAVAILABLE:
      return ErrorClass.UNAVAILABLE;
    // A cancelled call, like a timed-out one, may have done its work.
    case status.CANCELLED:
    case status.DEADLINE_EXCEEDED:
      return ErrorClass.DEADLINE_EXCEEDED;
    default:
      return assertUnreachable(code);
  }
}
