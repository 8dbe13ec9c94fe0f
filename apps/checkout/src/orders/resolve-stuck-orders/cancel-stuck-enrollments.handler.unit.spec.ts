import { beforeEach, describe, expect, it } from 'vitest';
import { ENROLLMENT_TIMEOUT, type Order } from '../domain/order.js';
import { enrollingOrder } from '../testing/enrolling-order.js';
import { InMemoryOrdersRepository } from '../testing/in-memory-orders.repository.js';
import { CancelStuckEnrollmentsHandler } from './cancel-stuck-enrollments.handler.js';
import { defaultOrderDeadlines } from './order-deadlines.js';

const DEADLINE_MS = 300_000;
const NOW = new Date('2026-12-07T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let orders: InMemoryOrdersRepository;
let sweep: CancelStuckEnrollmentsHandler;
beforeEach(() => {
  orders = new InMemoryOrdersRepository();
  sweep = new CancelStuckEnrollmentsHandler(orders, {
    ...defaultOrderDeadlines,
    enrollmentDeadlineMs: DEADLINE_MS,
    now: () => NOW,
  });
});

const stored = async (order: Order) => (await orders.byId(order.snapshot.id))!.snapshot;
const cancelCommands = () =>
  orders.state.outbox.filter(
    (m) =>
      m.destination.transport === 'AMQP' && m.destination.routingKey === 'enrollment.cancel-grant',
  );

describe('CancelStuckEnrollmentsHandler', () => {
  it('asks enrollment to cancel the grant of an order ENROLLING past its deadline, recording why', async () => {
    const order = await enrollingOrder(orders, ago(DEADLINE_MS + 1_000));
    await expect(sweep.execute()).resolves.toBe(1);

    const { status, history } = await stored(order);
    expect(status).toBe('ENROLLING');
    expect(history.at(-1)).toEqual({
      from: 'ENROLLING',
      to: 'ENROLLING',
      reason: `${ENROLLMENT_TIMEOUT}: enrollment did not answer within 301 s; asked enrollment to cancel the grant`,
      at: NOW,
    });
    const [command] = cancelCommands();
    expect(command).toMatchObject({
      aggregateId: order.snapshot.id,
      destination: { transport: 'AMQP', exchange: 'enrollment.commands' },
      payload: {
        type: 'com.shop.enrollment.cancel-grant.v1',
        id: `cancel-grant-${order.snapshot.id}`,
        data: {
          orderId: order.snapshot.id,
          learnerId: order.snapshot.learnerId,
          courseIds: order.snapshot.lines.map((l) => l.courseId),
        },
      },
    });
  });

  it('asks once: a later run leaves the order to enrollment’s answer', async () => {
    await enrollingOrder(orders, ago(DEADLINE_MS + 1_000));
    await sweep.execute();
    await expect(sweep.execute()).resolves.toBe(0);
    expect(cancelCommands()).toHaveLength(1);
  });

  it('does not touch an order whose deadline has not passed, or one that completed', async () => {
    await enrollingOrder(orders, ago(DEADLINE_MS - 1_000));
    const done = await enrollingOrder(orders, ago(DEADLINE_MS + 1_000));
    await orders.inTransaction((tx) => tx.recordChanges(done, [done.seatsGranted(NOW)]));
    await expect(sweep.execute()).resolves.toBe(0);
    expect(orders.state.outbox).toEqual([]);
  });
});
