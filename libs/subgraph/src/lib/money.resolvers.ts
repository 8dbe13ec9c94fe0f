import { problemType } from '@shop/platform';
import { subgraphError } from './subgraph-errors.js';

/** A `Money` as resolvers hand it over: minor units as a number or, past 2⁵³ or from a BIGINT column, a bigint. */
export interface MoneyValue {
  readonly amountMinor: number | bigint;
  readonly currency: string;
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

/**
 * The fields of `type Money` for every subgraph that has it (they are
 * @shareable: each must resolve them alike). `minorUnits` is the amount as
 * the MinorUnits scalar writes it, exact at any size; the deprecated
 * `amountMinor` (GraphQL `Int`, 32-bit) answers an amount it cannot hold with
 * a precise AMOUNT_BEYOND_INT error on that field, not graphql-js's
 * serialization failure (an INTERNAL_SERVER_ERROR).
 */
export const moneyResolvers = {
  minorUnits: (money: MoneyValue): number | bigint => money.amountMinor,
  amountMinor: (money: MoneyValue): number => {
    const minor = BigInt(money.amountMinor);
    if (minor >= INT_MIN && minor <= INT_MAX) return Number(minor);
    throw subgraphError({
      code: 'AMOUNT_BEYOND_INT',
      problem: {
        type: problemType('amount-beyond-int'),
        title: 'Amount beyond GraphQL Int',
        status: 422,
        detail: `${minor} ${money.currency} minor units do not fit GraphQL's 32-bit Int: ask for Money.minorUnits.`,
      },
      extensions: { minorUnits: minor.toString() },
    });
  },
};
