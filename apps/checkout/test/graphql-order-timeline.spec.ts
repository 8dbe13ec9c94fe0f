import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { postGraphql } from '@shop/subgraph/testing';
import type { StoredSpan } from '@shop/purchase-timeline';
import { startTraceCollector, type RunningTraceCollector } from '@shop/trace-collector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';
import { recordedCompletedPurchase } from './support/recorded-purchase.js';

const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
const otherLearner = '9d4e8f10-2b3c-4d5e-8f70-1a2b3c4d5e6f';
let dir: string;
let collector: RunningTraceCollector;
let checkout: CheckoutTestApp;
let orderId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'checkout-timeline-'));
  collector = await startTraceCollector({ file: join(dir, 'traces', 'spans.jsonl') });
  checkout = await startCheckoutTestApp({ TRACE_SPANS_URL: collector.endpoint });
  const res = await checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: {
      'idempotency-key': randomUUID(),
      authorization: await checkout.authorization(learnerId),
    },
    payload: { courseIds: [COURSES.messaging], cardToken: 'tok_visa' },
  });
  orderId = res.json<{ id: string }>().id;
  // This app exports no spans: the span store holds a real purchase's spans, named for this order.
  const spans = recordedCompletedPurchase().map((s): StoredSpan =>
    s.attributes['shop.order_id'] === undefined
      ? s
      : { ...s, attributes: { ...s.attributes, 'shop.order_id': orderId } },
  );
  await mkdir(dirname(collector.file), { recursive: true });
  await writeFile(collector.file, spans.map((s) => `${JSON.stringify(s)}\n`).join(''));
}, 60_000);
afterAll(async () => {
  await checkout.stop();
  await collector.stop();
  await rm(dir, { recursive: true, force: true });
});

const TIMELINE = `query Timeline($id: ID!) {
  order(id: $id) {
    id status
    timeline {
      hops { id step service caller intent transport mode startedAt durationMs waitedMs outcome attempt causedBy }
      history { from to reason at duringHop }
    }
  }
}`;

interface Hop {
  id: string;
  step: string;
  intent: string;
  transport: string;
  mode: string;
  causedBy: string | null;
}
interface TimelineAnswer {
  order: {
    id: string;
    timeline: { hops: Hop[]; history: { to: string; duringHop: string | null }[] } | null;
  } | null;
}

describe('checkout subgraph: Order.timeline', () => {
  it('When the learner reads their order’s timeline, then it answers its hops from the span store in causal order, and its history placed in them', async () => {
    const { data, errors } = await postGraphql<TimelineAnswer>(checkout.app, TIMELINE, {
      variables: { id: orderId },
      learnerId,
    });
    expect(errors).toBeUndefined();
    const hops = data?.order?.timeline?.hops ?? [];
    expect(hops.map((h) => `${h.step} ${h.intent} ${h.transport} ${h.mode}`)).toEqual([
      'POST /v1/orders COMMAND HTTP SYNC',
      'payment.Authorize COMMAND GRPC SYNC',
      'outbox write enrollment.grant-seat WRITE OUTBOX SYNC',
      'relay publishes enrollment.grant-seat COMMAND AMQP ASYNC',
      'enrollment.grant-seat → enrollment COMMAND AMQP ASYNC',
      'outbox write enrollment.seat-granted.v1 WRITE OUTBOX SYNC',
      'relay publishes enrollment.seat-granted.v1 EVENT KAFKA ASYNC',
      'enrollment.seat-granted.v1 → checkout EVENT KAFKA ASYNC',
      'outbox write order.completed.v1 WRITE OUTBOX SYNC',
      'relay publishes order.completed.v1 EVENT KAFKA ASYNC',
      'order.completed.v1 → analytics EVENT KAFKA ASYNC',
      'order.completed.v1 → notification EVENT KAFKA ASYNC',
    ]);
    // This order's own history (it stops at ENROLLING: no enrollment here), placed by time.
    const history = data?.order?.timeline?.history ?? [];
    expect(history.map((c) => c.to)).toEqual(['PENDING_PAYMENT', 'PAID', 'ENROLLING']);
  });

  it('When another learner asks for it, then the answer is FORBIDDEN and no timeline', async () => {
    const { data, errors } = await postGraphql<TimelineAnswer>(checkout.app, TIMELINE, {
      variables: { id: orderId },
      learnerId: otherLearner,
    });
    expect(data?.order ?? null).toBeNull();
    expect(errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('When the span store does not answer, then the timeline is null and the order still answers', async () => {
    await collector.stop();
    const { data, errors } = await postGraphql<TimelineAnswer>(checkout.app, TIMELINE, {
      variables: { id: orderId },
      learnerId,
    });
    expect(errors).toBeUndefined();
    expect(data?.order).toMatchObject({ id: orderId, timeline: null });
  });
});
