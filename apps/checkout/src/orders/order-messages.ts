import {
  cloudEventContentType,
  createEvent,
  messageKinds,
  type DataOf,
  type MessageKind,
  type ShopEvent,
} from '@shop/contracts';
import type { NewOutboxMessage, OutboxDestination } from '@shop/outbox';
import { CORRELATION_HEADER } from '@shop/tracing';
import type { Order } from './domain/order.js';

// The messages the order use cases write to the outbox, each a validated
// CloudEvent (createEvent refuses data its own schema refuses).

/** The two commands about an order's seats, both to enrollment's queue over AMQP. */
export type SeatCommandKind = 'enrollment.grant-seat.v1' | 'enrollment.cancel-grant.v1';

/**
 * A seat command for `order` over AMQP, under its kind's routing key:
 * `enrollment.grant-seat.v1`, one per order, whose `commandId` is the order's
 * idempotency key; or `enrollment.cancel-grant.v1`, at most one per order,
 * sent when it waited for its seats past the deadline, `cancel-grant-<orderId>`.
 */
export function seatCommand(
  kind: SeatCommandKind,
  commandId: string,
  order: Order,
  at: Date,
  correlationId: string,
): NewOutboxMessage {
  const o = order.snapshot;
  const event = createEvent(
    kind,
    {
      commandId,
      orderId: o.id,
      learnerId: o.learnerId,
      courseIds: o.lines.map((l) => l.courseId),
      requestedAt: at.toISOString(),
    },
    { subject: o.id, correlationId, time: at },
  );
  const { exchange, routingKey } = messageKinds[kind].route;
  return outboxMessage(order, { transport: 'AMQP', exchange, routingKey }, null, event);
}

/** `order.completed.v1` on Kafka, keyed by the order id. */
export function orderCompletedEvent(
  order: Order,
  at: Date,
  correlationId: string,
): NewOutboxMessage {
  const o = order.snapshot;
  const event = createEvent(
    'order.completed.v1',
    {
      orderId: o.id,
      learnerId: o.learnerId,
      lines: [...o.lines],
      totalMinor: o.total.amountMinor,
      currency: o.total.currency,
      completedAt: at.toISOString(),
    },
    { subject: o.id, correlationId, time: at },
  );
  const { topic } = messageKinds['order.completed.v1'].route;
  return outboxMessage(order, { transport: 'KAFKA', topic }, o.id, event);
}

/** Why a paid order was cancelled and refunded, as `order.cancelled.v2` says it. */
export type RefundedCancellationReason = DataOf<'order.cancelled.v2'>['reason'];

/**
 * `order.cancelled.v2` on Kafka, keyed by the order id: a CANCELLED order
 * whose payment was refunded, for any of the four reasons. `at` is when the
 * event is written (the refund of a late charge comes after the cancellation);
 * `cancelledAt` is the order's own CANCELLED entry. Written beside
 * `order.cancelled.v1` while v1 is still produced (docs/patterns/events.md).
 */
export function orderCancelledV2Event(
  order: Order,
  refunded: { readonly reason: RefundedCancellationReason; readonly refundId: string },
  at: Date,
  correlationId: string,
): NewOutboxMessage {
  const o = order.snapshot;
  const cancelled = [...o.history].reverse().find((change) => change.to === 'CANCELLED');
  if (o.status !== 'CANCELLED' || cancelled === undefined)
    throw new Error(`order ${o.id} is ${o.status}; only a cancelled order announces its refund`);
  const event = createEvent(
    'order.cancelled.v2',
    {
      orderId: o.id,
      learnerId: o.learnerId,
      lines: [...o.lines],
      reason: refunded.reason,
      refundId: refunded.refundId,
      cancelledAt: cancelled.at.toISOString(),
    },
    { subject: o.id, correlationId, time: at },
  );
  const { topic } = messageKinds['order.cancelled.v2'].route;
  return outboxMessage(order, { transport: 'KAFKA', topic }, o.id, event);
}

/**
 * `order.cancelled.v1` on Kafka, keyed by the order id: the compensated order
 * and its refund. Superseded by v2 and read by no consumer group of the shop;
 * still written, for the seat rejections it can say, until a later release.
 */
export function orderCancelledEvent(
  order: Order,
  reason: 'COURSE_FULL' | 'UNKNOWN_COURSE',
  at: Date,
  correlationId: string,
): NewOutboxMessage {
  const o = order.snapshot;
  const event = createEvent(
    'order.cancelled.v1',
    {
      orderId: o.id,
      learnerId: o.learnerId,
      lines: [...o.lines],
      reason,
      ...(o.refundId === null ? {} : { refundId: o.refundId }),
      cancelledAt: at.toISOString(),
    },
    { subject: o.id, correlationId, time: at },
  );
  const { topic } = messageKinds['order.cancelled.v1'].route;
  return outboxMessage(order, { transport: 'KAFKA', topic }, o.id, event);
}

function outboxMessage<K extends MessageKind>(
  order: Order,
  destination: OutboxDestination,
  messageKey: string | null,
  event: ShopEvent<K>,
): NewOutboxMessage {
  return {
    aggregateType: 'order',
    aggregateId: order.snapshot.id,
    destination,
    messageKey,
    headers: { 'content-type': cloudEventContentType, [CORRELATION_HEADER]: event.correlationid },
    // The structured-mode body: the CloudEvent's own JSON.
    payload: JSON.parse(JSON.stringify(event)) as NewOutboxMessage['payload'],
  };
}
