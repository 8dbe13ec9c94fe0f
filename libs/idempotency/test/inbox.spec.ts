import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox } from '../src/index.js';
import { deferred } from './support/deferred.js';
import { inTransaction, pgSqlClient } from './support/pg-sql-client.js';
import { startServiceDatabase, type ServiceDatabase } from './support/service-database.js';

describe('inbox.claim on enrollment’s inbox_messages table', () => {
  let database: ServiceDatabase;

  beforeAll(async () => {
    database = await startServiceDatabase('enrollment');
  });
  afterAll(() => database.stop());

  async function stored(messageId: string): Promise<number> {
    const result = await database.pool.query('SELECT 1 FROM inbox_messages WHERE message_id = $1', [
      messageId,
    ]);
    return result.rowCount ?? 0;
  }

  const untilABackendWaitsOnALock = () =>
    expect
      .poll(
        async () =>
          (
            await database.pool.query(
              `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO inbox_messages%'`,
            )
          ).rowCount,
        { timeout: 30_000, interval: 10, message: 'a claim waits on the lock' },
      )
      .toBeGreaterThan(0);

  it('returns true the first time a message id is claimed and false for a duplicate', async () => {
    const id = randomUUID();
    expect(await inTransaction(database.pool, (tx) => inbox.claim(tx, id))).toBe(true);
    expect(await inTransaction(database.pool, (tx) => inbox.claim(tx, id))).toBe(false);
  });

  it('does not abort the transaction on a duplicate: its other work still commits', async () => {
    const [seen, next] = [randomUUID(), randomUUID()];
    await inTransaction(database.pool, (tx) => inbox.claim(tx, seen));
    const claims = await inTransaction(database.pool, async (tx) => [
      await inbox.claim(tx, seen),
      await inbox.claim(tx, next),
    ]);
    expect(claims).toEqual([false, true]);
    expect(await stored(next)).toBe(1);
  });

  it('does not consume the message id when the handling transaction rolls back', async () => {
    const id = randomUUID();
    expect(await inTransaction(database.pool, (tx) => inbox.claim(tx, id), 'rollback')).toBe(true);
    expect(await stored(id)).toBe(0);
    expect(await inTransaction(database.pool, (tx) => inbox.claim(tx, id))).toBe(true);
  });

  it.each([
    ['false', 'commits', 'commit', false],
    ['true', 'rolls back', 'rollback', true],
  ] as const)(
    'makes a concurrent duplicate wait for the first transaction, then returns %s when that one %s',
    async (_result, _ending, end, secondClaim) => {
      const id = randomUUID();
      const firstClaimed = deferred();
      const finishFirst = deferred();
      const first = inTransaction(
        database.pool,
        async (tx) => {
          await inbox.claim(tx, id);
          firstClaimed.resolve();
          await finishFirst.promise;
        },
        end,
      );
      await firstClaimed.promise;
      const second = inTransaction(database.pool, (tx) => inbox.claim(tx, id));
      // The second INSERT blocks on the uncommitted row: see it wait before the first ends.
      await untilABackendWaitsOnALock();
      finishFirst.resolve();
      await first;
      expect(await second).toBe(secondClaim);
    },
  );

  it('purges ids received before a cutoff', async () => {
    const [old, recent] = [randomUUID(), randomUUID()];
    await inTransaction(database.pool, async (tx) => {
      await inbox.claim(tx, old);
      await inbox.claim(tx, recent);
    });
    await database.pool.query(
      `UPDATE inbox_messages SET received_at = now() - interval '8 days' WHERE message_id = $1`,
      [old],
    );
    const purged = await inbox.purgeReceivedBefore(
      pgSqlClient(database.pool),
      new Date(Date.now() - 7 * 86_400_000),
    );
    expect(purged).toBe(1);
    expect([await stored(old), await stored(recent)]).toEqual([0, 1]);
  });
});
