import { randomUUID } from 'node:crypto';
import type { OrderCompletedV1 } from '@shop/contracts';
import { messageExamples } from '@shop/contracts/testing';
import { describe, expect, it } from 'vitest';
import { accountFor } from './batch-account.js';
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
