import { randomUUID } from 'node:crypto';
import type { OrderCompletedV1 } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { describe, expect, it } from 'vitest';
import {
  accountFor,
  contractVerdict,
  describeAccount,
  eventIdsOf,
  handledIn,
} from './batch-account.js';
import { hostileMessages, shapeCounts } from './hostile-messages.js';

const fresh = (): OrderCompletedV1 => ({
  ...messageExamples['order.completed.v1'],
  orderId: randomUUID(),
});
const known = [fresh()];
const options = {
  count: 300,
  seed: 42,
  fresh,
  known,
  contradictions: [(o: OrderCompletedV1) => ({ ...o, learnerId: randomUUID() })],
};

describe('hostileMessages', () => {
  it('makes every shape, the same shapes for the same seed, each with a unique key', () => {
    const batch = hostileMessages('order.completed.v1', options);
    const counts = shapeCounts(batch);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(0);
    expect(shapeCounts(hostileMessages('order.completed.v1', options))).toEqual(counts);
    expect(new Set(batch.map((m) => m.key)).size).toBe(batch.length);
  });

  it('gives the contract verdict: malformed shapes are refused, the event shapes pass', () => {
    const batch = hostileMessages('order.completed.v1', options);
    for (const m of batch.filter((b) => b.shape === 'not-json' || b.shape === 'not-an-object'))
      expect(m.contract.ok).toBe(false);
    for (const m of batch.filter((b) => ['fresh', 'repeat', 'contradiction'].includes(b.shape)))
      expect(m.contract.ok).toBe(true);
    // Mutations mostly break the contract; a few (e.g. an extra-safe value) may not.
    const mutated = batch.filter((b) => b.shape === 'bad-data' || b.shape === 'bad-envelope');
    expect(mutated.filter((m) => !m.contract.ok).length).toBeGreaterThan(mutated.length / 2);
  });
});

describe('accountFor', () => {
  const batch = hostileMessages('order.completed.v1', { ...options, count: 3 });
  const refused = { deadLetter: 'X' };

  it('balances when every message is handled or parked once with its code', () => {
    const [a, b, c] = batch;
    const parked = [b!, c!].map((m) => ({ key: m.key, code: 'X', reason: 'why' }));
    const account = accountFor(
      batch,
      parked,
      (m) => (m === a ? 'accepted' : refused),
      (m) => m === a,
    );
    expect(account).toEqual({ sent: 3, accepted: 1, deadLettered: 2, mismatches: [] });
  });

  it('names a message lost, parked twice, or parked with another code', () => {
    const [a, b, c] = batch;
    const parked = [
      { key: b!.key, code: 'X', reason: 'why' },
      { key: b!.key, code: 'X', reason: 'why' },
      { key: c!.key, code: 'Y', reason: 'why' },
    ];
    const { mismatches } = accountFor(
      batch,
      parked,
      () => refused,
      () => false,
    );
    expect(mismatches).toEqual([
      expect.stringContaining(`${a!.key} `) as unknown,
      expect.stringContaining('parked 2 times') as unknown,
      expect.stringContaining('parked as Y') as unknown,
    ]);
    expect(mismatches[0]).toMatch(/lost$/);
  });
});

describe('the verdict and inbox helpers', () => {
  const batch = hostileMessages('order.completed.v1', options);
  const [malformed] = batch.filter((m) => !m.contract.ok);
  const [contradiction] = batch.filter((m) => m.shape === 'contradiction');
  const [fresh] = batch.filter((m) => m.shape === 'fresh');

  it("dead-letters what the contract refuses with the contract's code, and contradictions as CONTRADICTION", () => {
    if (malformed?.contract.ok !== false) throw new Error('the batch has no malformed message');
    expect(contractVerdict(malformed)).toEqual({ deadLetter: malformed.contract.code });
    expect(contractVerdict(contradiction!)).toEqual({ deadLetter: 'CONTRADICTION' });
  });

  it('gives any other valid message the verdict the consumer owes it, accepted unless told', () => {
    expect(contractVerdict(fresh!)).toBe('accepted');
    expect(contractVerdict(fresh!, { deadLetter: 'UNKNOWN_ORDER' })).toEqual({
      deadLetter: 'UNKNOWN_ORDER',
    });
  });

  it('counts as handled exactly the valid messages whose event id the inbox holds', () => {
    const ids = eventIdsOf(batch);
    expect(ids).toHaveLength(batch.filter((m) => m.contract.ok).length);
    const handled = handledIn(new Set(ids.slice(0, 1)));
    expect(batch.filter(handled)).toHaveLength(1);
    expect(handled(malformed!)).toBe(false);
  });

  it('writes the account as one log line', () => {
    const account = { sent: 3, accepted: 1, deadLettered: 2, mismatches: [] };
    expect(describeAccount(account)).toBe('3 in = 1 handled + 2 dead-lettered');
    expect(describeAccount(account, 'parked')).toBe('3 in = 1 handled + 2 parked');
  });
});
