import { COURSES, newLearner, type CheckoutClient } from './checkout.client.js';

/**
 * How the traced purchase enters the system. Today: REST on checkout. When the
 * bff's GraphQL gateway lands, a `graphqlEntry` (edge `bff` / `POST /graphql`,
 * services + `bff`) replaces `restCheckoutEntry` in `trace.e2e.ts`, and the
 * rest of the test stays as it is.
 */
export interface PurchaseEntry {
  readonly name: string;
  /** The edge's server span: everything synchronous hangs under it. */
  readonly edge: { readonly service: string; readonly name: string };
  /** Every app the purchase must leave spans (and log lines) in. */
  readonly services: readonly string[];
  /** Places one purchase with this correlation id; resolves with what the trace is searched by. */
  place(correlationId: string): Promise<PlacedPurchase>;
}

export interface PlacedPurchase {
  readonly orderId: string;
  readonly learnerId: string;
  readonly cardToken: string;
}

const PURCHASE_SERVICES = ['checkout', 'payment', 'enrollment', 'notification', 'analytics'];

export function restCheckoutEntry(checkout: CheckoutClient): PurchaseEntry {
  return {
    name: 'REST POST /v1/orders',
    edge: { service: 'checkout', name: 'POST /v1/orders' },
    services: PURCHASE_SERVICES,
    place: async (correlationId) => {
      const learnerId = newLearner();
      const cardToken = 'tok_visa';
      const placed = await checkout.placeOrder(
        { learnerId, courseIds: [COURSES.kafkaDeepDive], cardToken },
        undefined,
        { 'x-correlation-id': correlationId },
      );
      if (placed.status !== 201)
        throw new Error(`placing the order answered ${placed.status}: ${placed.text}`);
      return { orderId: placed.json.id, learnerId, cardToken };
    },
  };
}
