import { shopMeter } from '@shop/metrics';

const requests = shopMeter('@shop/idempotency').createCounter('shop.idempotency.requests', {
  description:
    'Requests carrying an Idempotency-Key, by what the key store decided: claimed (first time, the handler runs), replayed (the stored response), reused (422: another request had the key), in_flight (409: the first is still running).',
});

export type IdempotencyOutcome = 'claimed' | 'replayed' | 'reused' | 'in_flight';

/** Counts one keyed request; `scope` is the route's name from `@Idempotent`, never the key. */
export function countIdempotentRequest(scope: string, outcome: IdempotencyOutcome): void {
  requests.add(1, { 'shop.idempotency.scope': scope, 'shop.idempotency.outcome': outcome });
}
