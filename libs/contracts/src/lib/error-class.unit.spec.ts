import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { assertUnreachable } from './assert-unreachable.js';
import {
  ErrorClass,
  errorClassOfGrpcStatus,
  mappingOf,
  type GrpcErrorStatus,
} from './error-class.js';

// Seed 002's table, "Classify errors at the source", one row per class.
const seedTable: [ErrorClass, number, status][] = [
  [ErrorClass.INVALID_ARGUMENT, 400, status.INVALID_ARGUMENT],
  [ErrorClass.UNAUTHENTICATED, 401, status.UNAUTHENTICATED],
  [ErrorClass.PERMISSION_DENIED, 403, status.PERMISSION_DENIED],
  [ErrorClass.NOT_FOUND, 404, status.NOT_FOUND],
  [ErrorClass.FAILED_PRECONDITION, 409, status.FAILED_PRECONDITION],
  [ErrorClass.CONFLICT, 409, status.ABORTED],
  [ErrorClass.RESOURCE_EXHAUSTED, 429, status.RESOURCE_EXHAUSTED],
  [ErrorClass.INTERNAL, 500, status.INTERNAL],
  [ErrorClass.UNAVAILABLE, 503, status.UNAVAILABLE],
  [ErrorClass.DEADLINE_EXCEEDED, 504, status.DEADLINE_EXCEEDED],
];

const everyGrpcErrorStatus = Object.values(status).filter(
  (code): code is GrpcErrorStatus => typeof code === 'number' && code !== status.OK,
);

describe('error classes', () => {
  it('covers every class in the table', () => {
    expect(seedTable.map(([errorClass]) => errorClass).sort()).toEqual(
      Object.values(ErrorClass).sort(),
    );
  });

  it.each(seedTable)(
    'renders %s as HTTP %i and gRPC status %i',
    (errorClass, httpStatus, grpcStatus) => {
      expect(mappingOf(errorClass)).toMatchObject({ httpStatus, grpcStatus });
    },
  );

  it.each(seedTable)('reads %s back from the gRPC status it is sent as', (errorClass) => {
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
    const retried = seedTable
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
