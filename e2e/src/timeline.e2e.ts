import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../support/checkout.client.js';
import { connectToStack } from '../support/flow.js';
import { BffClient } from '../support/graphql.client.js';
import { graphqlBffEntry, type PlacedPurchase } from '../support/purchase-entry.js';
import { pollUntil } from '../support/purchase-trace.js';

const { stack, checkout, close } = connectToStack();
const bff = BffClient.onPort(stack.ports.BFF_PORT);
const entry = graphqlBffEntry(bff);

const TIMELINE = `query Timeline($id: ID!) {
  order(id: $id) {
    status
    timeline {
      hops { id step service caller intent transport mode outcome waitedMs causedBy }
      history { to duringHop }
    }
  }
}`;

interface Hop {
  readonly id: string;
  readonly step: string;
  readonly service: string;
  readonly caller: string | null;
  readonly intent: string;
  readonly transport: string;
  readonly mode: string;
  readonly outcome: string;
  readonly waitedMs: number | null;
  readonly causedBy: string | null;
}
interface TimelineAnswer {
  readonly order: {
    readonly status: string;
    readonly timeline: {
      readonly hops: readonly Hop[];
      readonly history: readonly { to: string; duringHop: string | null }[];
    } | null;
  } | null;
}

let purchase: PlacedPurchase;
let hops: readonly Hop[];
let history: readonly { to: string; duringHop: string | null }[];

const readTimeline = async (learnerId: string, orderId = purchase.orderId) =>
  bff.graphql<TimelineAnswer>({
    query: TIMELINE,
    variables: { id: orderId },
    token: await bff.token(learnerId),
  });

beforeAll(async () => {
  purchase = await entry.place(`e2e-timeline-${randomUUID()}`);
  await pollUntil(
    'the order is COMPLETED',
    () => checkout.getOrder(purchase.orderId, purchase.learnerId),
    (a) => a.json.status === 'COMPLETED',
  );
  // Spans reach the collector about half a second after the work.
  const answer = await pollUntil(
    'the timeline shows both consumers of order.completed.v1',
    () => readTimeline(purchase.learnerId),
    (a) =>
      ['notification', 'analytics'].every((c) =>
        a.data?.order?.timeline?.hops.some((h) => h.step === `order.completed.v1 → ${c}`),
      ),
    60_000,
  );
  hops = answer.data?.order?.timeline?.hops ?? [];
  history = answer.data?.order?.timeline?.history ?? [];
}, 120_000);
afterAll(close);

const one = (step: string) => {
  const found = hops.filter((h) => h.step === step);
  if (found.length !== 1)
    throw new Error(`${found.length} hops "${step}": ${hops.map((h) => h.step).join(', ')}`);
  return found[0]!;
};
const position = (step: string) => hops.indexOf(one(step));

describe('Order.timeline through the bff', () => {
  it('shows a completed purchase as the GraphQL mutation, the gRPC authorize, the AMQP command and the Kafka events with their consumers, in causal order', () => {
    // The request entered the gateway, which called checkout's subgraph.
    expect(hops.slice(0, 2)).toMatchObject([
      { step: 'mutation placeOrder', service: 'bff', transport: 'GRAPHQL', intent: 'COMMAND' },
      { step: 'mutation placeOrder', service: 'checkout', caller: 'bff', transport: 'GRAPHQL' },
    ]);
    expect(one('payment.Authorize')).toMatchObject({
      service: 'payment',
      caller: 'checkout',
      transport: 'GRPC',
      mode: 'SYNC',
      outcome: 'OK',
    });
    expect(one('enrollment.grant-seat → enrollment')).toMatchObject({
      intent: 'COMMAND',
      transport: 'AMQP',
      mode: 'ASYNC',
      outcome: 'OK',
      caller: 'checkout',
    });
    expect(one('enrollment.seat-granted.v1 → checkout')).toMatchObject({
      intent: 'EVENT',
      transport: 'KAFKA',
      mode: 'ASYNC',
      outcome: 'OK',
    });
    for (const consumer of ['notification', 'analytics']) {
      expect(one(`order.completed.v1 → ${consumer}`)).toMatchObject({
        service: consumer,
        intent: 'EVENT',
        transport: 'KAFKA',
        mode: 'ASYNC',
        outcome: 'OK',
      });
    }
    // Causal order: the authorize, then the command, the seat event, and the order event's consumers.
    const order = [
      'payment.Authorize',
      'outbox write enrollment.grant-seat',
      'enrollment.grant-seat → enrollment',
      'enrollment.seat-granted.v1 → checkout',
      'outbox write order.completed.v1',
      'order.completed.v1 → notification',
    ];
    const at = order.map(position);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // Every hop comes after the hop it follows from, and every message waited a measurable time or none.
    const seen = new Set<string>();
    for (const hop of hops) {
      if (hop.causedBy !== null)
        expect(seen.has(hop.causedBy), `${hop.step} after its cause`).toBe(true);
      seen.add(hop.id);
      if (hop.mode === 'ASYNC') expect(hop.waitedMs, hop.step).toBeGreaterThanOrEqual(0);
    }
    expect(history.map((c) => c.to)).toEqual(['PENDING_PAYMENT', 'PAID', 'ENROLLING', 'COMPLETED']);
    expect(history.find((c) => c.to === 'COMPLETED')?.duringHop).toBe(
      one('enrollment.seat-granted.v1 → checkout').id,
    );
  });

  it('does not show the timeline to another learner', async () => {
    const { data, errors } = await readTimeline(newLearner());
    expect(data?.order ?? null).toBeNull();
    expect(errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('shows a declined card as the request and the gRPC authorize, both DECLINED, and nothing sent on', async () => {
    const learnerId = newLearner();
    const placed = await checkout.placeOrder({
      learnerId,
      courseIds: [COURSES.messaging101],
      cardToken: 'tok_declined',
    });
    expect(placed.status).toBe(402);
    const { orderId } = placed.json as unknown as { orderId: string };
    const answer = await pollUntil(
      'the declined order’s two hops are exported, payment’s side of the call too',
      () => readTimeline(learnerId, orderId),
      // checkout's client span alone already makes the gRPC hop; payment's
      // server span, exported in its own batch, names the service that answered.
      (a) =>
        (a.data?.order?.timeline?.hops ?? []).some(
          (h) => h.transport === 'GRPC' && h.service === 'payment',
        ),
    );
    const declined = answer.data?.order?.timeline?.hops ?? [];
    expect(declined.map((h) => [h.step, h.transport, h.outcome])).toEqual([
      ['POST /v1/orders', 'HTTP', 'DECLINED'],
      ['payment.Authorize', 'GRPC', 'DECLINED'],
    ]);
  });
});
