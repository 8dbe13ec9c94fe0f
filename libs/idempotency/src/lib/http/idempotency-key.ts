import { keyInvalid, keyRequired } from './idempotency.problems.js';

/** The request header that carries the key (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

// Stripe allows up to 255 characters; a floor of 8 rules out keys like "1" that collide by accident.
const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

/**
 * The key from the header's value, or a 400 problem: missing, repeated, or not
 * 8–255 visible ASCII characters.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined || header === '') throw keyRequired();
  if (Array.isArray(header)) throw keyInvalid('Send exactly one Idempotency-Key header.');
  if (!KEY_PATTERN.test(header)) {
    throw keyInvalid('An Idempotency-Key is 8 to 255 visible ASCII characters, without spaces.');
  }
  return header;
}
