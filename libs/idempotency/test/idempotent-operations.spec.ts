import { randomUUID } from 'node:crypto';
import { problemType } from '@shop/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyKeyStore, IdempotentOperations, type StoredResponse } from '../src/index.js';
import { pgSqlClient } from './support/pg-sql-client.js';
import { startServiceDatabase, type ServiceDatabase } from './support/service-database.js';

const PLACED: StoredResponse = { status: 201, headers: {}, body: '{"order":"o-1"}' };
const UNAVAILABLE: StoredResponse = { status: 503, headers: {}, body: '{"retry":true}' };

describe('IdempotentOperations (the key protocol outside an HTTP route)', () => {
  let database: ServiceDatabase;
  let operations: IdempotentOperations;

  beforeAll(async () => {
    database = await startServiceDatabase('checkout');
    operations = new IdempotentOperations(new IdempotencyKeyStore(pgSqlClient(database.pool)), 2);
  });
  afterAll(() => database.stop());

  const request = (key: string, fingerprint = 'placeOrder:learner-1:input-1') => ({
    scope: 'orders.create',
    key,
    fingerprint,
  });

  it('runs the operation once and replays its outcome for the same request', async () => {
    const key = randomUUID();
    let runs = 0;
    const place = () => {
      runs += 1;
      return Promise.resolve(PLACED);
    };

    const first = await operations.run(request(key), place);
    const again = await operations.run(request(key), place);

    expect(first).toEqual({ kind: 'ran', response: PLACED });
    expect(again).toEqual({ kind: 'replayed', response: PLACED });
    expect(runs).toBe(1);
  });

  it('runs once for 20 concurrent copies; the others are told it is in flight, with Retry-After', async () => {
    const key = randomUUID();
    let runs = 0;
    // The first copy keeps running until the 19 others have been answered, so
    // none of them can come late enough to see it done, however slow the
    // machine. A second run (the bug this test is for) releases it at once, so
    // the assertions below report it instead of the test timing out.
    let othersAnswered: () => void = () => undefined;
    const allOthersAnswered = new Promise<void>((resolve) => (othersAnswered = resolve));
    let answered = 0;
    const slowPlace = async () => {
      runs += 1;
      if (runs > 1) othersAnswered();
      await allOthersAnswered;
      return PLACED;
    };

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        operations.run(request(key), slowPlace).then((outcome) => {
          if (outcome.kind !== 'ran' && ++answered === 19) othersAnswered();
          return outcome;
        }),
      ),
    );

    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.kind === 'ran')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind !== 'ran')).toEqual(
      Array.from({ length: 19 }, () => ({
        kind: 'in-flight',
        retryAfterSeconds: 2,
        problem: expect.objectContaining({
          type: problemType('idempotency-request-in-progress'),
          status: 409,
        }) as unknown,
      })),
    );
  });

  it('refuses the key for another request with the REST problem (idempotency-key-reused)', async () => {
    const key = randomUUID();
    await operations.run(request(key), () => Promise.resolve(PLACED));

    const other = await operations.run(request(key, 'placeOrder:learner-2:input-1'), () =>
      Promise.resolve(PLACED),
    );

    expect(other).toEqual({
      kind: 'reused',
      problem: expect.objectContaining({
        type: problemType('idempotency-key-reused'),
        status: 422,
      }) as unknown,
    });
  });

  it('does not remember a 5xx outcome: the same key runs again', async () => {
    const key = randomUUID();
    const outcomes = [UNAVAILABLE, PLACED];
    const place = () => Promise.resolve(outcomes.shift()!);

    expect(await operations.run(request(key), place)).toEqual({
      kind: 'ran',
      response: UNAVAILABLE,
    });
    expect(await operations.run(request(key), place)).toEqual({ kind: 'ran', response: PLACED });
    expect(await operations.run(request(key), place)).toEqual({
      kind: 'replayed',
      response: PLACED,
    });
  });

  it('releases the key when the operation throws, and lets the error through', async () => {
    const key = randomUUID();

    await expect(
      operations.run(request(key), () => Promise.reject(new Error('database went away'))),
    ).rejects.toThrow('database went away');
    expect(await operations.run(request(key), () => Promise.resolve(PLACED))).toEqual({
      kind: 'ran',
      response: PLACED,
    });
  });
});
