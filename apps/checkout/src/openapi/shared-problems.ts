import type { ProblemDoc } from './problem.schema.js';

// Problems that other layers answer: the platform (validation, unknown
// errors) and @shop/idempotency (the key protocol). Their slugs are stable API.
export const INVALID_REQUEST: ProblemDoc = {
  slug: 'invalid-request',
  status: 400,
  title: 'The request is invalid',
};
export const INTERNAL_ERROR: ProblemDoc = {
  slug: 'internal-error',
  status: 500,
  title: 'Internal server error',
};
export const IDEMPOTENCY_KEY_REQUIRED: ProblemDoc = {
  slug: 'idempotency-key-required',
  status: 400,
  title: 'An Idempotency-Key header is required',
};
export const IDEMPOTENCY_KEY_INVALID: ProblemDoc = {
  slug: 'idempotency-key-invalid',
  status: 400,
  title: 'The Idempotency-Key header is malformed',
};
export const IDEMPOTENCY_REQUEST_IN_PROGRESS: ProblemDoc = {
  slug: 'idempotency-request-in-progress',
  status: 409,
  title: 'A request with this Idempotency-Key is still in progress',
};
export const IDEMPOTENCY_KEY_REUSED: ProblemDoc = {
  slug: 'idempotency-key-reused',
  status: 422,
  title: 'The Idempotency-Key was used for a different request',
};
export const UNAUTHENTICATED: ProblemDoc = {
  slug: 'unauthenticated',
  status: 401,
  title: 'Sign in first',
};
