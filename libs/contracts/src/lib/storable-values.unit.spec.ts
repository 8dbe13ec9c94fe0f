import { describe, expect, it } from 'vitest';
import {
  isStorableInstant,
  isStorableInteger,
  isStorableText,
  PG_INTEGER_MAX,
} from './storable-values.js';
import { isCurrencyCode } from './currency-code.js';

describe('storable values', () => {
  it.each(['', 'tok_visa', 'Grüße 🎓'])('accepts the text %j', (text) => {
    expect(isStorableText(text)).toBe(true);
  });

  it.each(['\u0000', 'a\u0000b', '\ud800', 'x\udfffy'])(
    'refuses text with a NUL or a lone surrogate (%j)',
    (text) => {
      expect(isStorableText(text)).toBe(false);
    },
  );

  it('accepts integers up to the INTEGER column and refuses beyond, fractions and infinities', () => {
    expect([PG_INTEGER_MAX, -PG_INTEGER_MAX, 0].map(isStorableInteger)).toEqual([true, true, true]);
    expect([PG_INTEGER_MAX + 1, 0.5, Infinity, NaN].map(isStorableInteger)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('accepts instants of the years 1–9999 only', () => {
    expect(isStorableInstant(new Date('2026-12-07T10:00:00.000Z'))).toBe(true);
    expect(isStorableInstant(new Date('-271821-04-20T00:00:00.000Z'))).toBe(false);
    expect(isStorableInstant(new Date('+275760-09-13T00:00:00.000Z'))).toBe(false);
    expect(isStorableInstant(new Date('not a date'))).toBe(false);
  });
});

describe('currency codes', () => {
  it('knows ISO 4217 codes, upper case, and nothing else', () => {
    expect(['EUR', 'USD', 'JPY'].map(isCurrencyCode)).toEqual([true, true, true]);
    expect(['eur', 'ZZZ', 'EU', '', 'EUR\u0000'].map(isCurrencyCode)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
