import { StackControl } from '@shop/stack';
import { expect, inject } from 'vitest';
import { CheckoutClient, type OrderStatus, type OrderView } from './checkout.client.js';
import { PurchaseEffects } from './purchase-effects.js';
import { ServiceDatabases } from './service-databases.js';

/** Everything a purchase-flow test talks to; `close()` in afterAll. */
export function connectToStack() {
  const stack = inject('stack');
  const databases = new ServiceDatabases(stack.databaseUrls);
  return {
    stack,
    checkout: CheckoutClient.onPort(stack.ports.CHECKOUT_PORT),
    effects: new PurchaseEffects(databases),
    databases,
    control: new StackControl(stack.controlUrl, stack.controlToken),
    close: () => databases.close(),
  };
}

/**
 * Asynchronous effects are polled, never slept on; each wait is bounded. A poll
 * ends as soon as its condition holds, so the bound is generous: it only has to
 * hold on a 2-core machine busy with other suites.
 */
export const ASYNC_TIMEOUT = { timeout: 60_000, interval: 100 } as const;

/**
 * Polls `GET /v1/orders/:id` until the order reaches `status`, and returns it;
 * read as `learnerId`, by default the learner who placed it through `checkout`.
 */
export async function orderReaching(
  checkout: CheckoutClient,
  id: string,
  status: OrderStatus,
  learnerId?: string,
  wait: { timeout: number; interval: number } = ASYNC_TIMEOUT,
): Promise<OrderView> {
  let last: OrderView | undefined;
  await expect
    .poll(async () => {
      last = (await checkout.getOrder(id, learnerId)).json;
      return last.status;
    }, wait)
    .toBe(status);
  if (!last) throw new Error('unreachable: the poll ran');
  return last;
}
