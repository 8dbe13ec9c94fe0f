import { randomUUID } from 'node:crypto';
import type { BffClient } from './graphql.client.js';
import { COURSES, newLearner } from './checkout.client.js';

/** How the traced purchase enters the system, and what it must reach. */
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

/** `placeOrder` through the bff's gateway, as a signed-in learner: all six apps. */
export function graphqlBffEntry(bff: BffClient): PurchaseEntry {
  return {
    name: 'GraphQL placeOrder through the bff',
    edge: { service: 'bff', name: 'POST /graphql' },
    services: [...PURCHASE_SERVICES, 'bff'],
    place: async (correlationId) => {
      const learnerId = newLearner();
      const cardToken = 'tok_visa';
      const placed = await bff.graphql<{ placeOrder: { id: string } }>({
        query: `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
        variables: {
          input: { idempotencyKey: randomUUID(), courseIds: [COURSES.kafkaDeepDive], cardToken },
        },
        token: await bff.token(learnerId),
        headers: { 'x-correlation-id': correlationId },
      });
      if (!placed.data) throw new Error(`placeOrder failed: ${JSON.stringify(placed.errors)}`);
      return { orderId: placed.data.placeOrder.id, learnerId, cardToken };
    },
  };
}
