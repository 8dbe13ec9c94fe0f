import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { OutboxRelay, type OutboxMessage } from '../src/index.js';
import { RecordingPublisher } from '../src/testing/index.js';
import {
  inTransaction,
  orderEvent,
  outbox,
  startOutboxDatabase,
  type OutboxDatabase,
} from './support/outbox-database.js';

let db: OutboxDatabase;

beforeAll(async () => {
  db = await startOutboxDatabase();
});
afterAll(async () => {
  await db.stop();
});

const KEYS = 30;
const PER_KEY = 6;

describe('per-key order', () => {
  it('keeps per-key order with two relays, many keys and failing publishes', async () => {
    // Both relays publish into one log, as if to one broker.
    const confirmed: OutboxMessage[] = [];
    const violations: string[] = [];
    const inFlight = new Set<string>();
    const seq = (m: OutboxMessage): number => Number(m.headers['x-test-seq']);
    const onPublishStart = (m: OutboxMessage): void => {
      const key = m.messageKey!;
      if (inFlight.has(key))
        violations.push(`${key}#${seq(m)} started while another ${key} was in flight`);
      const delivered = confirmed.filter((c) => c.messageKey === key).length;
      if (delivered !== seq(m))
        violations.push(`${key}#${seq(m)} started after ${delivered} of its key`);
      inFlight.add(key);
    };
    const onPublishEnd = (m: OutboxMessage, ok: boolean): void => {
      inFlight.delete(m.messageKey!);
      if (ok) confirmed.push(m);
    };
    const makePublisher = (): RecordingPublisher =>
      new RecordingPublisher({
        onPublishStart,
        onPublishEnd,
        latencyMs: () => Math.random() * 5,
        fail: () => Math.random() < 0.2,
      });
    const [first, second] = [makePublisher(), makePublisher()];
    const relays = [first, second].map(
      (publisher) =>
        new OutboxRelay({
          pool: db.pool,
          publishers: { KAFKA: publisher },
          batchSize: 8,
          pollIntervalMs: 50,
          retryBackoff: { initialMs: 10, maxMs: 80 },
        }),
    );
    await Promise.all(relays.map((relay) => relay.start()));
    onTestFinished(() => Promise.all(relays.map((relay) => relay.stop())).then(() => undefined));

    // Writers of one key are serialized (as an aggregate's row lock would do);
    // different keys are written concurrently, sometimes several per transaction.
    await Promise.all(
      Array.from({ length: KEYS }, async (_, k) => {
        for (let s = 0; s < PER_KEY; s += 2) {
          await inTransaction(db.pool, async (tx) => {
            await outbox.enqueue(tx, orderEvent(`order-${k}`, s));
            await outbox.enqueue(tx, orderEvent(`order-${k}`, s + 1));
          });
        }
      }),
    );

    await expect.poll(() => confirmed.length === KEYS * PER_KEY, { timeout: 30_000 }).toBe(true);

    expect(violations).toEqual([]);
    for (let k = 0; k < KEYS; k++) {
      const sequence = confirmed.filter((m) => m.messageKey === `order-${k}`).map(seq);
      expect(sequence).toEqual([0, 1, 2, 3, 4, 5]);
    }
    expect(new Set(confirmed.map((m) => m.id)).size).toBe(KEYS * PER_KEY);
    // Both relays did share the work, and the failures did happen.
    expect(first.confirmed.length).toBeGreaterThan(0);
    expect(second.confirmed.length).toBeGreaterThan(0);
    expect(first.failures + second.failures).toBeGreaterThan(0);
  });
});

describe('draining without polling', () => {
  it('relays the rows queued behind a head right after it, without waiting for the poll', async () => {
    const publisher = new RecordingPublisher();
    // One NOTIFY per transaction at most, and a poll beyond the wait below (which
    // is generous for a loaded machine): only the relay's own "a successor waits"
    // check can bring rows 2–5 out.
    const relay = new OutboxRelay({
      pool: db.pool,
      publishers: { KAFKA: publisher },
      pollIntervalMs: 600_000,
    });
    await relay.start();
    onTestFinished(() => relay.stop());

    await inTransaction(db.pool, async (tx) => {
      for (let s = 0; s < 5; s++) await outbox.enqueue(tx, orderEvent('order-queued', s));
    });

    await expect.poll(() => publisher.confirmed.length === 5, { timeout: 30_000 }).toBe(true);
    expect(publisher.confirmed.map((m) => Number(m.headers['x-test-seq']))).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });
});
