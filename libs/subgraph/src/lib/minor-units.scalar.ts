import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL_INTEGER = /^-?(0|[1-9]\d{0,18})$/;
// PostgreSQL's BIGINT, the widest column a service keeps money in.
const BIGINT_MAX = 2n ** 63n - 1n;
const BIGINT_MIN = -(2n ** 63n);

function fromDecimal(text: string): bigint | undefined {
  if (!DECIMAL_INTEGER.test(text)) return undefined;
  const value = BigInt(text);
  return value >= BIGINT_MIN && value <= BIGINT_MAX ? value : undefined;
}

function toMinorUnits(value: unknown): bigint {
  const minor =
    typeof value === 'bigint'
      ? value
      : typeof value === 'number' && Number.isSafeInteger(value)
        ? BigInt(value)
        : typeof value === 'string'
          ? fromDecimal(value)
          : undefined;
  if (minor === undefined || minor < BIGINT_MIN || minor > BIGINT_MAX) {
    throw new GraphQLError(
      `MinorUnits must be a whole number of minor units within PostgreSQL's BIGINT, written in decimal as a string; got ${typeof value === 'bigint' ? `${value}n` : JSON.stringify(value)}`,
    );
  }
  return minor;
}

/**
 * `scalar MinorUnits` of the contracts' SDL (the type of `Money.amountMinor`):
 * a whole number of a currency's minor units, on the wire a decimal string
 * ("4900"), inside a `bigint` (a resolver may also hand it a safe-integer
 * `number`). GraphQL's `Int` stops at 2³¹ − 1 and a JSON number is exact
 * only up to 2⁵³; a string carries every BIGINT exactly, through the gateway
 * too (it passes a custom scalar's value on as it is).
 * docs/adr/0028-money-as-a-decimal-string.md says why not graphql-scalars.
 */
export const MinorUnitsScalar = new GraphQLScalarType<bigint, string>({
  name: 'MinorUnits',
  description:
    'A whole number of a currency’s minor units (cents), written in decimal as a string, e.g. "4900": exact up to 2^63 − 1.',
  serialize: (value) => toMinorUnits(value).toString(),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('MinorUnits must be a string');
    return toMinorUnits(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('MinorUnits must be a string');
    return toMinorUnits(ast.value);
  },
});
