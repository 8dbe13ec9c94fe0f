import { describe, expect, it } from 'vitest';
import { BodyNotIJsonError, fingerprintRequest } from './request-fingerprint.js';

const ORDER = {
  method: 'POST',
  url: '/v1/orders',
  body: { learnerId: 'l1', courseIds: ['a', 'b'] },
};

describe('fingerprintRequest', () => {
  it('is the same for the same JSON whatever its key order', () => {
    const reordered = { ...ORDER, body: { courseIds: ['a', 'b'], learnerId: 'l1' } };
    expect(fingerprintRequest(reordered)).toBe(fingerprintRequest(ORDER));
    expect(fingerprintRequest(ORDER)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when the body, the path or the method differs', () => {
    const variants = [
      { ...ORDER, body: { learnerId: 'l1', courseIds: ['b', 'a'] } },
      { ...ORDER, url: '/v1/carts' },
      { ...ORDER, method: 'PUT' },
      { ...ORDER, body: undefined },
    ];
    for (const variant of variants)
      expect(fingerprintRequest(variant)).not.toBe(fingerprintRequest(ORDER));
  });

  it.each([
    ['a lone surrogate', { learnerId: '\ud800' }],
    ['a lone surrogate as a key', { '\udfff': 1 }],
    ['a number beyond a double', { amount: Number.POSITIVE_INFINITY }],
  ])('refuses a body holding %s as not I-JSON', (_case, body) => {
    expect(() => fingerprintRequest({ ...ORDER, body })).toThrow(BodyNotIJsonError);
  });
});
