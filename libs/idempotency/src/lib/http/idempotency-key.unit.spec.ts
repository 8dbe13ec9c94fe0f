import { describe, expect, it } from 'vitest';
import { ProblemException } from '@shop/platform';
import { parseIdempotencyKey } from './idempotency-key.js';
import { isStoredStatus } from './stored-response.js';

function problemSlug(header: string | string[] | undefined): string | undefined {
  try {
    parseIdempotencyKey(header);
    return undefined;
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return error.problem.type.split('/').pop();
  }
}

describe('parseIdempotencyKey', () => {
  it('accepts UUIDs and other 8–255 visible ASCII keys', () => {
    for (const key of [
      '5f0c1a52-8a3e-4a7e-9d3c-2f1b0e6c7d8a',
      'order:learner-1:2026-01-01',
      'x'.repeat(255),
    ]) {
      expect(parseIdempotencyKey(key)).toBe(key);
    }
  });

  it('rejects a missing key as required and a malformed one as invalid', () => {
    expect(problemSlug(undefined)).toBe('idempotency-key-required');
    expect(problemSlug('')).toBe('idempotency-key-required');
    for (const bad of [
      'short',
      'has a space',
      'x'.repeat(256),
      'ключ-ключ-ключ',
      ['k1-k1-k1', 'k2-k2-k2'],
    ]) {
      expect(problemSlug(bad)).toBe('idempotency-key-invalid');
    }
  });
});

describe('isStoredStatus', () => {
  it('stores outcomes (2xx, domain 4xx) and releases the key for 400, 408, 429 and 5xx', () => {
    expect([200, 201, 204, 402, 404, 409, 422].every(isStoredStatus)).toBe(true);
    expect([400, 408, 429, 500, 502, 503, 504].some(isStoredStatus)).toBe(false);
  });
});
