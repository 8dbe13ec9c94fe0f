import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MinorUnitsScalar } from './minor-units.scalar.js';

describe('MinorUnits', () => {
  it.each([
    [4900, '4900'],
    [0, '0'],
    [-125, '-125'],
    [2 ** 31, '2147483648'],
    [9800n, '9800'],
    [2n ** 53n + 1n, '9007199254740993'],
    [2n ** 63n - 1n, '9223372036854775807'],
    ['9007199254740993', '9007199254740993'],
  ])('writes %s as the decimal string %s', (value, wire) => {
    expect(MinorUnitsScalar.serialize(value)).toBe(wire);
  });

  it.each([0.5, 2 ** 53, Number.NaN, Infinity, 2n ** 63n, '1e3', '01', ' 1', '', null, true, {}])(
    'refuses to write %s (not a whole number within BIGINT, or one a number cannot hold exactly)',
    (value) => {
      expect(() => MinorUnitsScalar.serialize(value)).toThrow(/MinorUnits must be/);
    },
  );

  it('reads a decimal string into a bigint, from variables and literals', () => {
    expect(MinorUnitsScalar.parseValue('9223372036854775807')).toBe(2n ** 63n - 1n);
    expect(MinorUnitsScalar.parseLiteral({ kind: Kind.STRING, value: '-42' })).toBe(-42n);
  });

  it.each([4900, '9223372036854775808', '12345678901234567890123', 'x'])(
    'refuses to read %s',
    (value) => {
      expect(() => MinorUnitsScalar.parseValue(value)).toThrow(/MinorUnits must be/);
    },
  );

  it('refuses a literal that is not a string', () => {
    expect(() => MinorUnitsScalar.parseLiteral({ kind: Kind.INT, value: '4900' })).toThrow(
      'MinorUnits must be a string',
    );
  });
});
