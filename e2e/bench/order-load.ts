import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { learnerAuthorization } from '../support/dev-tokens.js';
import type { LoadRun } from './bench-report.js';
import { delta, type FlowCounter, type FlowCounts } from './flow-counts.js';

/** async-messaging-101, whose seats the benchmarks raise (`FlowCounter.raiseCapacity`). */
export const COURSE = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01';
const SETTLE_TIMEOUT_MS = 120_000;

// Signed before the load starts (autocannon builds requests synchronously).
const LEARNERS = 256;

/** `POST /v1/orders` with autocannon: `connections` clients in a closed loop for `durationS`. */
export async function placeOrders(
  url: string,
  durationS: number,
  connections: number,
): Promise<LoadRun> {
  const authorizations = await Promise.all(
    Array.from({ length: LEARNERS }, () => learnerAuthorization(randomUUID())),
  );
  let next = 0;
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: `${url}/v1/orders`,
      method: 'POST',
      connections,
      duration: durationS,
      requests: [
        {
          // Each request its own key, learners in turn: one order each, none replayed.
          setupRequest: (req) => ({
            ...req,
            headers: {
              authorization: authorizations[next++ % LEARNERS] ?? '',
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({
              courseIds: [COURSE],
              cardToken: 'tok_visa',
            }),
          }),
        },
      ],
    },
    (error: unknown, result) => {
      if (error)
        fail(
          error instanceof Error ? error : new Error(`autocannon failed: ${JSON.stringify(error)}`),
        );
      else finish(result);
    },
  );
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    latenciesMs.push(responseTimeMs);
  });
  const result = await finished;
  return {
    created: statuses.get(201) ?? 0,
    statuses,
    latenciesMs,
    errors: result.errors + result.timeouts,
    durationS: result.duration,
  };
}

/**
 * Polls until every paid order is COMPLETED with its payment, seat, receipt
 * and conversion; false when time runs out first (the invariants then say
 * which effect is missing).
 */
export async function settle(
  counter: FlowCounter,
  before: FlowCounts,
  created: number,
): Promise<boolean> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const d = delta(await counter.count(), before);
    const effects = [d.completed, d.payments, d.enrollments, d.receipts, d.conversions];
    if (d.paid >= created && effects.every((n) => n === d.paid)) return true;
    await sleep(50);
  }
  return false;
}
