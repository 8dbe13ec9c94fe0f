import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxRelay, type OutboxMessage, type OutboxRelayOptions } from '../src/index.js';
import { RecordingPublisher } from '../src/testing/index.js';
import {
  enqueueCommitted,
  inTransaction,
  orderEvent,
  outbox,
  rowStates,
  startOutboxDatabase,
  type OutboxDatabase,
} from './support/outbox-database.js';

let db: OutboxDatabase;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  db = await startOutboxDatabase();
});
afterAll(async () => {
  await db.stop();
});
beforeEach(async () => {
  await db.pool.query('DELETE FROM outbox_messages');
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

async function startRelay(
  publisher: RecordingPublisher,
  options: Partial<OutboxRelayOptions> = {},
): Promise<OutboxRelay> {
  const relay = new OutboxRelay({
    pool: db.pool,
    publishers: { KAFKA: publisher },
    pollIntervalMs: 100,
    retryBackoff: { initialMs: 20, maxMs: 100 },
    ...options,
  });
  relays.push(relay);
  await relay.start();
  return relay;
}

const unsentCount = async (): Promise<number> =>
  (await rowStates(db.pool)).filter((r) => !r.sent_at).length;

// The relay holds one connection for LISTEN; a second one only while it
// drains or purges. Back to one: it is waiting for a wake-up.
const untilRelayWaits = () =>
  expect.poll(() => db.pool.totalCount - db.pool.idleCount, { timeout: 10_000 }).toBe(1);

// A row committed later, once relayed, proves a later drain ran: what it did
// not publish by then, it did not publish.
async function untilLaterDrain(publisher: RecordingPublisher, key: string): Promise<string> {
  const marker = await enqueueCommitted(db.pool, orderEvent(key, 99));
  await expect
    .poll(() => publisher.confirmed.map((m) => m.id), { timeout: 10_000 })
    .toContain(marker);
  return marker;
}

describe('OutboxRelay', () => {
  it('never publishes a message whose transaction rolled back', async () => {
    const publisher = new RecordingPublisher();
    await startRelay(publisher);
    const rolledBack = orderEvent('order-1', 1);
    await inTransaction(db.pool, (tx) => outbox.enqueue(tx, rolledBack).then(() => undefined), {
      rollback: true,
    });
    const committed = await enqueueCommitted(db.pool, orderEvent('order-1', 2));

    await expect.poll(() => publisher.confirmed.length === 1, { timeout: 10_000 }).toBe(true);
    const marker = await untilLaterDrain(publisher, 'order-1');
    expect(publisher.confirmed.map((m) => m.id)).toEqual([committed, marker]);
    expect(publisher.confirmed.some((m) => m.payload.id === rolledBack.payload.id)).toBe(false);
    expect((await rowStates(db.pool)).map((r) => r.id)).toEqual([committed, marker]);
  });

  it('publishes a committed message once and marks it sent', async () => {
    const publisher = new RecordingPublisher();
    await startRelay(publisher);
    const message = orderEvent('order-2', 1);
    const id = await enqueueCommitted(db.pool, message);

    await expect.poll(async () => (await unsentCount()) === 0, { timeout: 10_000 }).toBe(true);
    const marker = await untilLaterDrain(publisher, 'order-2b');
    expect(publisher.confirmed.map((m) => m.id)).toEqual([id, marker]);
    expect(publisher.confirmed[0]).toMatchObject({
      id,
      destination: { transport: 'KAFKA', topic: 'order.completed.v1' },
      messageKey: 'order-2',
      headers: { 'x-test-seq': '1' },
      payload: message.payload,
      attempts: 0,
    });
    const row = (await rowStates(db.pool)).find((r) => r.id === id);
    expect(row?.sent_at).toBeInstanceOf(Date);
    expect(row?.attempts).toBe(1);
  });

  it('wakes on NOTIFY well before the poll interval', async () => {
    const publisher = new RecordingPublisher();
    // A 10-minute poll: within the wait below, only the notification can explain a send.
    await startRelay(publisher, { pollIntervalMs: 600_000 });
    await untilRelayWaits(); // the first drain is over: only a wake-up can start the next

    await enqueueCommitted(db.pool, orderEvent('order-3', 1));
    await expect.poll(() => publisher.confirmed.length === 1, { timeout: 30_000 }).toBe(true);
  });

  it('listens again after its LISTEN connection is killed', async () => {
    const publisher = new RecordingPublisher();
    await startRelay(publisher, { pollIntervalMs: 600_000, listenReconnectDelayMs: 50 });
    await untilRelayWaits();
    const killed = await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'`,
    );
    expect(killed.rowCount).toBe(1);
    await expect
      .poll(
        async () => {
          const { rowCount } = await db.pool.query(
            `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN %'`,
          );
          return rowCount === 1;
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    // As above: the 10-minute poll cannot explain a send within the wait.
    await enqueueCommitted(db.pool, orderEvent('order-4', 1));
    await expect.poll(() => publisher.confirmed.length === 1, { timeout: 30_000 }).toBe(true);
  });

  it('survives its batch connection dying mid-publish: the batch rolls back and is relayed again', async () => {
    let killed = false;
    const publisher = new RecordingPublisher({
      latencyMs: 300,
      onPublishStart: () => {
        if (killed) return;
        killed = true;
        // The claim's transaction sits idle while the broker is busy.
        void db.pool.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE state = 'idle in transaction' AND query LIKE '%outbox_messages%'`,
        );
      },
    });
    await startRelay(publisher);
    const id = await enqueueCommitted(db.pool, orderEvent('order-9', 1));

    // No uncaught 'error' from pg (Vitest would fail the run), and the row is
    // eventually marked sent: at least once, never lost.
    await expect.poll(async () => (await unsentCount()) === 0, { timeout: 10_000 }).toBe(true);
    expect(killed).toBe(true);
    expect(publisher.confirmed.map((m) => m.id)).toContain(id);
  });

  it('reports lag: how many rows are unsent and how old the oldest is', async () => {
    const publisher = new RecordingPublisher({ fail: () => true });
    const relay = await startRelay(publisher, {
      retryBackoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    expect(await relay.lag()).toEqual({ unsent: 0, oldestUnsentAgeMs: 0 });

    await enqueueCommitted(db.pool, orderEvent('order-5', 1));
    await enqueueCommitted(db.pool, orderEvent('order-6', 1));
    await expect
      .poll(async () => (await relay.lag()).oldestUnsentAgeMs, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(200);
    const lag = await relay.lag();
    expect(lag.unsent).toBe(2);
    expect(lag.oldestUnsentAgeMs).toBeLessThan(10_000);
  });

  it('backs off a failing row exponentially and holds the younger rows of its key', async () => {
    // The head fails from its very first publish: chosen by what it carries,
    // not by its id, which the test learns only after the relay may already
    // have been woken by the commit and published it.
    let headFails = true;
    const isHead = (m: OutboxMessage) =>
      m.messageKey === 'order-7' && m.headers['x-test-seq'] === '1';
    const publisher = new RecordingPublisher({ fail: (m) => headFails && isHead(m) });
    await startRelay(publisher, { retryBackoff: { initialMs: 100, maxMs: 400 } });
    const head = await enqueueCommitted(db.pool, orderEvent('order-7', 1));
    const younger = await enqueueCommitted(db.pool, orderEvent('order-7', 2));
    const otherKey = await enqueueCommitted(db.pool, orderEvent('order-8', 1));

    await expect
      .poll(
        async () => ((await rowStates(db.pool)).find((r) => r.id === head)?.attempts ?? 0) >= 4,
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(publisher.confirmed.map((m) => m.id)).toEqual([otherKey]);
    const headRow = (await rowStates(db.pool)).find((r) => r.id === head)!;
    // After n failures the wait is in [d/2, d] with d = min(400, 100 * 2^(n-1)).
    const waitMs = headRow.next_attempt_at.getTime() - Date.now();
    expect(waitMs).toBeLessThanOrEqual(400);

    headFails = false;
    await expect.poll(() => publisher.confirmed.length === 3, { timeout: 10_000 }).toBe(true);
    expect(publisher.confirmed.map((m) => m.id)).toEqual([otherKey, head, younger]);
  });

  it('when the broker answers again, retries the rows that backed off at once, not after their backoff', async () => {
    let brokerDown = true;
    const publisher = new RecordingPublisher({ fail: () => brokerDown });
    // A backoff of at least 30 s: a retry within the test's 10 s can only be the early one.
    await startRelay(publisher, { retryBackoff: { initialMs: 60_000, maxMs: 60_000 } });
    const waiting = await enqueueCommitted(db.pool, orderEvent('order-21', 1));
    await expect
      .poll(async () => (await rowStates(db.pool)).find((r) => r.id === waiting)?.attempts, {
        timeout: 10_000,
        message: 'the row failed once and backs off',
      })
      .toBe(1);

    brokerDown = false;
    const fresh = await enqueueCommitted(db.pool, orderEvent('order-22', 1));
    await expect
      .poll(() => publisher.confirmed.map((m) => m.id), {
        timeout: 10_000,
        message: 'the backed-off row is sent right after the first publish that succeeded',
      })
      .toEqual([fresh, waiting]);
  });

  it('keeps the backoff of a row that fails among publishes that succeed', async () => {
    const isPoison = (m: OutboxMessage) => m.messageKey === 'order-31';
    const publisher = new RecordingPublisher({ fail: isPoison });
    await startRelay(publisher, { retryBackoff: { initialMs: 60_000, maxMs: 60_000 } });
    // In one transaction, so the relay claims both in one batch.
    await inTransaction(db.pool, async (client) => {
      await outbox.enqueue(client, orderEvent('order-31', 1));
      await outbox.enqueue(client, orderEvent('order-32', 1));
    });
    await untilLaterDrain(publisher, 'order-33');
    await untilLaterDrain(publisher, 'order-34');
    const poison = (await rowStates(db.pool)).filter((r) => !r.sent_at);
    expect(poison).toHaveLength(1);
    expect(poison[0]?.attempts).toBe(1);
  });

  it('stops cleanly: waits for the batch in flight, then releases its connections', async () => {
    let started = false;
    const publisher = new RecordingPublisher({
      latencyMs: 300,
      onPublishStart: () => (started = true),
    });
    const relay = await startRelay(publisher);
    const id = await enqueueCommitted(db.pool, orderEvent('order-9', 1));
    await expect.poll(() => started, { timeout: 10_000 }).toBe(true);

    await relay.stop();
    expect(publisher.confirmed.map((m) => m.id)).toEqual([id]);
    expect((await rowStates(db.pool))[0]?.sent_at).toBeInstanceOf(Date);
    expect(publisher.closed).toBe(true);
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0); // no LISTEN or batch connection held
    const { rowCount } = await db.pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND state = 'idle'`,
    );
    expect(rowCount).toBe(0);

    // A second relay publishing the row proves it was due all along; the stopped one did not.
    const after = await enqueueCommitted(db.pool, orderEvent('order-9', 2));
    const successor = new RecordingPublisher();
    await startRelay(successor);
    await expect
      .poll(() => successor.confirmed.map((m) => m.id), { timeout: 10_000 })
      .toEqual([after]);
    expect(publisher.confirmed).toHaveLength(1);
  });
});

describe('OutboxRelay retention', () => {
  it('deletes rows sent longer ago than keepSentMs, and never an unsent or recent one', async () => {
    const [oldSent, recentSent, oldUnsent] = await Promise.all([
      enqueueCommitted(db.pool, orderEvent('order-old', 1)),
      enqueueCommitted(db.pool, orderEvent('order-recent', 1)),
      enqueueCommitted(db.pool, orderEvent('order-waiting', 1)),
    ]);
    const setRow = (id: string, sentAt: string | null, createdAt: string) =>
      db.pool.query(
        `UPDATE outbox_messages
            SET sent_at = ${sentAt ?? 'NULL'}, created_at = ${createdAt},
                next_attempt_at = now() + interval '1 hour'
          WHERE id = $1`,
        [id],
      );
    await setRow(oldSent, "now() - interval '2 days'", "now() - interval '2 days'");
    await setRow(recentSent, "now() - interval '1 hour'", "now() - interval '1 hour'");
    // Unsent and not due (its retry is an hour away): the relay must leave it alone.
    await setRow(oldUnsent, null, "now() - interval '3 days'");

    await startRelay(new RecordingPublisher(), { keepSentMs: 24 * 60 * 60 * 1000 });

    await expect
      .poll(async () => !(await rowStates(db.pool)).some((r) => r.id === oldSent), {
        timeout: 10_000,
      })
      .toBe(true);
    expect((await rowStates(db.pool)).map((r) => r.id).sort()).toEqual(
      [recentSent, oldUnsent].sort(),
    );
  });
});
