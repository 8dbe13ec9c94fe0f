import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { assertUnreachable } from './assert-unreachable.js';
import {
  ErrorClass,
  errorClassOfGrpcStatus,
  mappingOf,
  type GrpcErrorStatus,
} from './error-class.js';

// One row per class: the gRPC status it is sent as.
const classTable: [ErrorClass, status][] = [
  [ErrorClass.INVALID_ARGUMENT, status.INVALID_ARGUMENT],
  [ErrorClass.UNAUTHENTICATED, status.UNAUTHENTICATED],
  [ErrorClass.PERMISSION_DENIED, status.PERMISSION_DENIED],
  [ErrorClass.NOT_FOUND, status.NOT_FOUND],
  [ErrorClass.FAILED_PRECONDITION, status.FAILED_PRECONDITION],
  [ErrorClass.CONFLICT, status.ABORTED],
  [ErrorClass.RESOURCE_EXHAUSTED, status.RESOURCE_EXHAUSTED],
  [ErrorClass.INTERNAL, status.INTERNAL],
  [ErrorClass.UNAVAILABLE, status.UNAVAILABLE],
  [ErrorClass.DEADLINE_EXCEEDED, status.DEADLINE_EXCEEDED],
];

const everyGrpcErrorStatus = Object.values(status).filter(
  (code): code is GrpcErrorStatus => typeof code === 'number' && code !== status.OK,
);

describe('error classes', () => {
  it('covers every class in the table', () => {
    expect(classTable.map(([errorClass]) => errorClass).sort()).toEqual(
      Object.values(ErrorClass).sort(),
    );
  });

  it.each(classTable)('sends %s as gRPC status %i', (errorClass, grpcStatus) => {
    expect(mappingOf(errorClass)).toMatchObject({ grpcStatus });
  });

  it.each(classTable)('reads %s back from the gRPC status it is sent as', (errorClass) => {
    expect(errorClassOfGrpcStatus(mappingOf(errorClass).grpcStatus as GrpcErrorStatus)).toBe(
      errorClass,
    );
  });

  it('gives every gRPC error status a class', () => {
    expect(everyGrpcErrorStatus).toHaveLength(16);
    for (const code of everyGrpcErrorStatus) {
      expect(Object.values(ErrorClass)).toContain(errorClassOfGrpcStatus(code));
    }
  });

  it('treats a cancelled call like a timed-out one: its outcome is unknown', () => {
    expect(errorClassOfGrpcStatus(status.CANCELLED)).toBe(ErrorClass.DEADLINE_EXCEEDED);
  });

  it('advises retrying only transient failures', () => {
    const retried = classTable
      .map(([errorClass]) => errorClass)
      .filter((errorClass) => mappingOf(errorClass).retry !== 'never');

    expect(retried).toEqual([
      ErrorClass.CONFLICT,
      ErrorClass.RESOURCE_EXHAUSTED,
      ErrorClass.INTERNAL,
      ErrorClass.UNAVAILABLE,
      ErrorClass.DEADLINE_EXCEEDED,
    ]);
    expect(mappingOf(ErrorClass.INTERNAL).retry).toBe('once');
  });

  it('throws when a value the types ruled out reaches an exhaustive switch', () => {
    const smuggled: unknown = 'TEAPOT';
    expect(() => mappingOf(smuggled as ErrorClass)).toThrow('Unhandled case: TEAPOT');
    expect(() => assertUnreachable('x' as never)).toThrow('Unhandled case: x');
  });
});
