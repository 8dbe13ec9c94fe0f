import { describe, expect, it } from 'vitest';
import { timelineRows } from './purchase-timeline';
import {
  change,
  completedPurchase,
  courseFullPurchase,
  declinedPurchase,
  hop,
} from './testing/purchases';

const rowsOf = (purchase: typeof completedPurchase) =>
  timelineRows(purchase.hops, purchase.history);
const row = (purchase: typeof completedPurchase, id: string) => {
  const found = rowsOf(purchase).rows.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};

describe('timelineRows', () => {
  it('numbers the hops in causal order and indents each under the hop it follows from', () => {
    const { rows } = rowsOf(completedPurchase);
    expect(rows.map((r) => [r.number, r.step, r.depth, r.followsFrom?.number ?? null])).toEqual([
      [1, 'mutation placeOrder', 0, null],
      [2, 'mutation placeOrder', 1, 1],
      [3, 'payment.Authorize', 2, 2],
      [4, 'outbox write enrollment.grant-seat', 2, 2],
      [5, 'relay publishes enrollment.grant-seat', 3, 4],
      [6, 'enrollment.grant-seat → enrollment', 4, 5],
      [7, 'outbox write enrollment.seat-granted.v1', 5, 6],
      [8, 'relay publishes enrollment.seat-granted.v1', 6, 7],
      [9, 'enrollment.seat-granted.v1 → checkout', 7, 8],
      [10, 'outbox write order.completed.v1', 8, 9],
      [11, 'relay publishes order.completed.v1', 9, 10],
      [12, 'order.completed.v1 → analytics', 10, 11],
      [13, 'order.completed.v1 → notification', 10, 11],
    ]);
    expect(rows[2]?.followsFrom?.title).toBe('checkout answers bff’s GraphQL mutation placeOrder');
  });

  it('labels each hop with its intent, transport and mode in words', () => {
    const labels = (id: string) => {
      const r = row(completedPurchase, id);
      return [r.intent.label, r.transport.label, r.mode.label];
    };
    expect(labels('auth')).toEqual(['command', 'gRPC', 'sync']);
    expect(labels('ow1')).toEqual(['outbox write', 'SQL outbox', 'sync']);
    expect(labels('take1')).toEqual(['command', 'AMQP (RabbitMQ)', 'async']);
    expect(labels('notify')).toEqual(['event', 'Kafka', 'async']);
  });

  it('puts each hop on the purchase’s time axis, from the first hop’s start', () => {
    const auth = row(completedPurchase, 'auth');
    expect(auth.startOffsetMs).toBe(76);
    expect(auth.durationMs).toBe(49.8);
    // The purchase runs from 0 to the analytics consumer's end at 261 + 77.9 ms.
    expect(auth.bar.left).toBeCloseTo((76 / 338.9) * 100);
    expect(auth.bar.width).toBeCloseTo((49.8 / 338.9) * 100);
  });

  it('says where an async message waited: in the outbox before the relay took it, in the queue or topic after', () => {
    expect(row(completedPurchase, 'pub1').waited).toBe('waited 11.3 ms in the outbox');
    expect(row(completedPurchase, 'take1').waited).toBe('waited 2 ms in the queue');
    expect(row(completedPurchase, 'take2').waited).toBe('waited 4 ms in the topic');
    expect(row(completedPurchase, 'auth').waited).toBeNull();
  });

  it('places each status change in the hop it was recorded in, and keeps unplaced ones apart', () => {
    const history = [
      ...completedPurchase.history.slice(0, 3),
      change('ENROLLING', 'COMPLETED', 'seats granted', 230, null),
    ];
    const { rows, unplaced } = timelineRows(completedPurchase.hops, history);
    expect(rows.find((r) => r.id === 'gql')?.statusChanges.map((s) => s.title)).toEqual([
      'PENDING_PAYMENT',
      'PENDING_PAYMENT → PAID',
      'PAID → ENROLLING',
    ]);
    expect(unplaced.map((s) => s.title)).toEqual(['ENROLLING → COMPLETED']);
  });

  it('says how the order ended and in which hop', () => {
    expect(rowsOf(completedPurchase).end).toMatchObject({
      step: { status: 'COMPLETED', detail: 'seats granted', tone: 'ok' },
      hop: 9,
    });
    expect(rowsOf(declinedPurchase).end).toMatchObject({
      step: { status: 'CANCELLED', detail: 'payment declined: PROCESSOR_DECLINED', tone: 'failed' },
      hop: 2,
    });
    expect(timelineRows(completedPurchase.hops, completedPurchase.history.slice(0, 3)).end).toBe(
      null,
    );
  });

  it('shows a declined card as the authorize call that failed, with the processor’s reason', () => {
    const auth = row(declinedPurchase, 'auth');
    expect(auth.outcome).toMatchObject({ label: 'declined', tone: 'failed', icon: '✕' });
    expect(auth.outcomeDetail).toBe('9 FAILED_PRECONDITION: card declined: PROCESSOR_DECLINED');
    // Nothing was paid, so nothing is compensated.
    expect(rowsOf(declinedPurchase).rows.map((r) => r.compensation)).toEqual([null, null, null]);
  });

  it('marks a course-full cancellation as where the compensation starts, and the refund it calls as undoing', () => {
    const { rows } = rowsOf(courseFullPurchase);
    expect(rows.filter((r) => r.compensation).map((r) => [r.step, r.compensation])).toEqual([
      ['enrollment.seat-rejected.v1 → checkout', 'starts'],
      ['payment.Refund', 'undoes'],
    ]);
    expect(rows.find((r) => r.id === 'take2')?.statusChanges.map((s) => s.title)).toEqual([
      'ENROLLING → CANCELLED',
    ]);
  });

  it('shows retries and dead letters apart from failures, with the attempt when work was tried again', () => {
    const hops = [
      ...completedPurchase.hops.slice(0, 4),
      hop('try1', 'ow1', completedPurchase.hops[4]!, 148, 3.5, {
        outcome: 'RETRIED',
        outcomeDetail: 'connect ECONNREFUSED',
        attempt: 1,
      }),
      hop('try2', 'ow1', completedPurchase.hops[4]!, 1200, 2, { attempt: 2 }),
      hop('parked', 'try2', completedPurchase.hops[5]!, 1210, 5, {
        outcome: 'DEAD_LETTERED',
        outcomeDetail: 'INVALID_MESSAGE',
        attempt: 4,
      }),
    ];
    const { rows } = timelineRows(hops, []);
    expect(rows.slice(4).map((r) => [r.outcome.label, r.outcome.tone, r.attempt])).toEqual([
      ['retried', 'retried', 1],
      ['ok', 'ok', 2],
      ['dead-lettered', 'parked', 4],
    ]);
    // A first attempt that went through is not news.
    expect(row(completedPurchase, 'pub1').attempt).toBeNull();
  });

  it('draws a hop that has not ended to the end of the purchase', () => {
    const hops = [
      hop('a', null, completedPurchase.hops[0]!, 0, 100),
      hop('b', 'a', completedPurchase.hops[2]!, 40, null, { outcome: 'IN_PROGRESS' }),
    ];
    const [, running] = timelineRows(hops, []).rows;
    expect(running?.outcome.label).toBe('in progress');
    expect(running?.bar).toEqual({ left: 40, width: 60 });
  });
});
