import { ProblemException, problemType } from '@shop/platform';

// The problem+json answers of the key protocol itself; their `type`s are stable API.

export function keyRequired(): ProblemException {
  return new ProblemException({
    type: problemType('idempotency-key-required'),
    title: 'An Idempotency-Key header is required',
    status: 400,
    detail:
      'Send a unique key (a UUID v4 is a good choice) in the Idempotency-Key header; reuse it only to retry this same request.',
  });
}

export function keyInvalid(detail: string): ProblemException {
  return new ProblemException({
    type: problemType('idempotency-key-invalid'),
    title: 'The Idempotency-Key header is malformed',
    status: 400,
    detail,
  });
}

export function keyReused(): ProblemException {
  return new ProblemException({
    type: problemType('idempotency-key-reused'),
    title: 'The Idempotency-Key was used for a different request',
    status: 422,
    detail:
      'This key was first used with another method, path or body. Use a new key for a new request.',
  });
}

export function requestInProgress(retryAfterSeconds: number): ProblemException {
  return new ProblemException({
    type: problemType('idempotency-request-in-progress'),
    title: 'A request with this Idempotency-Key is still in progress',
    status: 409,
    detail: `Retry after ${retryAfterSeconds} s to receive its response.`,
  });
}

// The validation problem's type: to a client, a body that cannot be fingerprinted is an invalid body.
export function bodyNotIJson(reason: string): ProblemException {
  return new ProblemException({
    type: problemType('invalid-request'),
    title: 'The request is invalid',
    status: 400,
    detail: `The body is not I-JSON (RFC 7493): ${reason}. Send well-formed strings and numbers within a double's range.`,
  });
}
