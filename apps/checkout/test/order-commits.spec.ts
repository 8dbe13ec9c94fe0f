// How many write transactions (WAL-flushed commits) one POST /v1/orders costs
// checkout's database — issue 17's lever, ADR 0040. Counted exactly: every
// transaction that writes gets the next transaction id, so the distance
// between the next id before and after the request is the number of writing
// transactions, however fast or slow the machine. Nothing else writes here:
// the relay is off and the sweep runs once an hour.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

let checkout: CheckoutTestApp;

beforeAll(async () => {
  checkout = await startCheckoutTestApp({ ORDER_SWEEP_INTERVAL_MS: '3600000' });
}, 60_000);
afterAll(async () => {
  await checkout.stop();
});

const learnerId = '7c0e2f55-1d3b-4a8e-9f6a-2b4c6d8e0a13';

async function nextTransactionId(): Promise<bigint> {
  const { rows } = await checkout.db.query<{ next: string }>(
    'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next',
  );
  return BigInt(rows[0]?.next ?? '0');
}

async function writingTransactionsOf(cardToken: string) {
  const before = await nextTransactionId();
  const res = await checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: {
      authorization: await checkout.authorization(learnerId),
      'idempotency-key': randomUUID(),
    },
    payload: { courseIds: [COURSES.messaging], cardToken },
  });
  return { status: res.statusCode, transactions: Number((await nextTransactionId()) - before) };
}

describe('the commits of one order in checkout', () => {
  // Before ADR 0040: four — the key's claim, the order, PAID → ENROLLING with
  // its command, the key's stored response.
  it.each([
    ['paid (201)', 'tok_visa', 201],
    ['declined (402)', 'tok_declined', 402],
  ])(
    'writes a %s order in two: the key with the order, the answer with its last status',
    async (_case, cardToken, status) => {
      expect(await writingTransactionsOf(cardToken)).toEqual({ status, transactions: 2 });
    },
  );
});
