// ADR 0040: the key claimed in the operation's first transaction and
// completed in its last, against real PostgreSQL — the protocol of `run`,
// without the key's own commits.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IdempotencyKeyStore,
  IdempotentOperations,
  type SqlClient,
  type StoredResponse,
  type TransactionalKey,
} from '../src/index.js';
import { deferred } from './support/deferred.js';
import { inTransaction, pgSqlClient } from './support/pg-sql-client.js';
import { startServiceDatabase, type ServiceDatabase } from './support/service-database.js';

const PLACED: StoredResponse = { status: 201, headers: {}, body: '{"order":"o-1"}' };
const UNKNOWN_COURSE: StoredResponse = { status: 422, headers: {}, body: '{"unknown":"c-9"}' };

describe('IdempotentOperations.runInTransactions (the key inside the operation’s transactions)', () => {
  let database: ServiceDatabase;
  let operations: IdempotentOperations;

  beforeAll(async () => {
    database = await startServiceDatabase('checkout');
    operations = new IdempotentOperations(new IdempotencyKeyStore(pgSqlClient(database.pool)), 2);
  });
  afterAll(() => database.stop());

  const request = (key: string) => ({ scope: 'orders.create', key, fingerprint: 'input-1' });

  // A transaction of the operation: it tells the key whether it committed, as a repository does.
  async function transaction<T>(key: TransactionalKey, work: (tx: SqlClient) => Promise<T>) {
    try {
      const result = await inTransaction(database.pool, work);
      key.committed();
      return result;
    } catch (error) {
      key.rolledBack();
      throw error;
    }
  }

  async function keyRow(key: string) {
    const { rows } = await database.pool.query<{ state: string; body: string | null }>(
      'SELECT state::text AS state, response_body AS body FROM idempotency_keys WHERE key = $1',
      [key],
    );
    return rows[0];
  }

  // The effect and the claim in one transaction; the outcome and its answer in another.
  const twoTransactions = async (key: TransactionalKey) => {
    await transaction(key, (tx) => key.claimIn(tx));
    await transaction(key, (tx) => key.completeIn(tx, PLACED));
    return PLACED;
  };

  it('claims with the first transaction, stores the answer with the last, and replays it', async () => {
    const key = randomUUID();
    // A replay runs the operation up to its first transaction, whose claim is
    // refused (reads only before it, ADR 0040): what counts is the effects.
    let effects = 0;
    const place = async (held: TransactionalKey) => {
      await transaction(held, async (tx) => {
        await held.claimIn(tx);
        effects += 1;
      });
      await transaction(held, (tx) => held.completeIn(tx, PLACED));
      return PLACED;
    };

    const first = await operations.runInTransactions(request(key), place);
    const again = await operations.runInTransactions(request(key), place);

    expect(first).toEqual({ kind: 'ran', response: PLACED });
    expect(again).toEqual({ kind: 'replayed', response: PLACED });
    expect(effects).toBe(1);
    expect(await keyRow(key)).toEqual({ state: 'COMPLETED', body: PLACED.body });
  });

  it('forgets a claim whose transaction rolled back: the key stays free and a retry runs', async () => {
    const key = randomUUID();
    const failing = operations.runInTransactions(request(key), (held) =>
      transaction(held, async (tx) => {
        await held.claimIn(tx);
        throw new Error('the order insert failed');
      }),
    );

    await expect(failing).rejects.toThrow('the order insert failed');
    expect(await keyRow(key)).toBeUndefined();
    expect(await operations.runInTransactions(request(key), twoTransactions)).toEqual({
      kind: 'ran',
      response: PLACED,
    });
  });

  it('releases the key when the transaction of the outcome rolls back: its answer was never stored', async () => {
    const key = randomUUID();
    const failing = operations.runInTransactions(request(key), async (held) => {
      await transaction(held, (tx) => held.claimIn(tx));
      return transaction(held, async (tx) => {
        await held.completeIn(tx, PLACED);
        throw new Error('the outbox insert failed');
      });
    });

    await expect(failing).rejects.toThrow('the outbox insert failed');
    expect(await keyRow(key)).toBeUndefined();
    expect((await operations.runInTransactions(request(key), twoTransactions)).kind).toBe('ran');
  });

  it('makes a copy wait on the open claim, then answers it in-flight with its own transaction rolled back', async () => {
    const key = randomUUID();
    const commitFirst = deferred();
    const finishFirst = deferred();
    const first = operations.runInTransactions(request(key), async (held) => {
      await transaction(held, async (tx) => {
        await held.claimIn(tx);
        await commitFirst.promise;
      });
      await finishFirst.promise;
      await transaction(held, (tx) => held.completeIn(tx, PLACED));
      return PLACED;
    });
    let copyWrote = false;
    const copy = operations.runInTransactions(request(key), (held) =>
      transaction(held, async (tx) => {
        await held.claimIn(tx);
        copyWrote = true;
        return PLACED;
      }),
    );
    // The copy's claim statement waits on the key's unique index until the first commits.
    await until(async () => (await lockWaiters(database)) > 0);
    commitFirst.resolve();

    expect(await copy).toMatchObject({ kind: 'in-flight', retryAfterSeconds: 2 });
    expect(copyWrote).toBe(false);
    finishFirst.resolve();
    expect(await first).toEqual({ kind: 'ran', response: PLACED });
    expect((await operations.runInTransactions(request(key), twoTransactions)).kind).toBe(
      'replayed',
    );
  });

  it('claims and stores an outcome reached before any transaction, in commits of its own', async () => {
    const key = randomUUID();
    const refuse = () => Promise.resolve(UNKNOWN_COURSE);

    expect(await operations.runInTransactions(request(key), refuse)).toEqual({
      kind: 'ran',
      response: UNKNOWN_COURSE,
    });
    expect(await operations.runInTransactions(request(key), refuse)).toEqual({
      kind: 'replayed',
      response: UNKNOWN_COURSE,
    });
  });
});

async function lockWaiters(database: ServiceDatabase): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'",
  );
  return rows[0]?.n ?? 0;
}

// Polls a condition (no fixed wait): the copy reaches its lock wait when the machine lets it.
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1_000; i++) {
    if (await condition()) return;
    await sleep(10);
  }
  throw new Error('the condition never held');
}
