import type { PlacedStatusChange, TimelineHop } from '../purchase-timeline';

// Timelines as the bff answered them on the stand-in stack (ids shortened,
// times rounded): a purchase through the bff, a declined card and a
// course-full refund. Unit specs of the timeline's mapping and polling use them.

const T0 = Date.parse('2026-12-08T00:12:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** What a hop is, apart from its place, time and outcome (any hop is one). */
type Shape = Pick<TimelineHop, 'step' | 'service' | 'intent' | 'transport' | 'mode'>;

export function hop(
  id: string,
  causedBy: string | null,
  shape: Shape,
  startMs: number,
  durationMs: number | null,
  more: Partial<TimelineHop> = {},
): TimelineHop {
  const { step, service, intent, transport, mode } = shape;
  return {
    id,
    causedBy,
    step,
    service,
    intent,
    transport,
    mode,
    caller: null,
    startedAt: at(startMs),
    durationMs,
    waitedMs: null,
    outcome: 'OK',
    outcomeDetail: null,
    attempt: null,
    ...more,
  };
}

export function change(
  from: string | null,
  to: string,
  reason: string,
  ms: number,
  duringHop: string | null,
): PlacedStatusChange {
  return { from, to, reason, at: at(ms), duringHop };
}

const graphqlIn = (service: string): Shape => ({
  step: 'mutation placeOrder',
  service,
  intent: 'COMMAND',
  transport: 'GRAPHQL',
  mode: 'SYNC',
});
const grpc = (method: string): Shape => ({
  step: `payment.${method}`,
  service: 'payment',
  intent: 'COMMAND',
  transport: 'GRPC',
  mode: 'SYNC',
});
const outbox = (service: string, message: string): Shape => ({
  step: `outbox write ${message}`,
  service,
  intent: 'WRITE',
  transport: 'OUTBOX',
  mode: 'SYNC',
});
const relay = (service: string, message: string, transport: 'AMQP' | 'KAFKA'): Shape => ({
  step: `relay publishes ${message}`,
  service,
  intent: transport === 'AMQP' ? 'COMMAND' : 'EVENT',
  transport,
  mode: 'ASYNC',
});
const delivery = (message: string, service: string, transport: 'AMQP' | 'KAFKA'): Shape => ({
  step: `${message} → ${service}`,
  service,
  intent: transport === 'AMQP' ? 'COMMAND' : 'EVENT',
  transport,
  mode: 'ASYNC',
});

/** Everything up to checkout taking enrollment's answer, `answer` being seat-granted or seat-rejected. */
function untilEnrollmentAnswers(answer: string): TimelineHop[] {
  return [
    hop('bff', null, graphqlIn('bff'), 0, 157),
    hop('gql', 'bff', graphqlIn('checkout'), 5, 149, { caller: 'bff' }),
    hop('auth', 'gql', grpc('Authorize'), 76, 49.8, { caller: 'checkout' }),
    hop('ow1', 'gql', outbox('checkout', 'enrollment.grant-seat'), 135, 1.7),
    hop('pub1', 'ow1', relay('checkout', 'enrollment.grant-seat', 'AMQP'), 148, 7.8, {
      waitedMs: 11.3,
      attempt: 1,
    }),
    hop('take1', 'pub1', delivery('enrollment.grant-seat', 'enrollment', 'AMQP'), 150, 19.4, {
      caller: 'checkout',
      waitedMs: 2,
      attempt: 1,
    }),
    hop('ow2', 'take1', outbox('enrollment', answer), 165, 1.8),
    hop('pub2', 'ow2', relay('enrollment', answer, 'KAFKA'), 213, 3.9, {
      waitedMs: 46.2,
      attempt: 1,
    }),
    hop('take2', 'pub2', delivery(answer, 'checkout', 'KAFKA'), 217, 33.4, {
      caller: 'enrollment',
      waitedMs: 4,
    }),
  ];
}

const placed = (ms: number) => [
  change(null, 'PENDING_PAYMENT', 'order placed', ms, 'gql'),
  change('PENDING_PAYMENT', 'PAID', 'payment authorized', ms + 100, 'gql'),
  change('PAID', 'ENROLLING', 'seats requested from enrollment', ms + 110, 'gql'),
];

/** A purchase placed through the bff, COMPLETED, with both consumers of order.completed.v1. */
export const completedPurchase = {
  hops: [
    ...untilEnrollmentAnswers('enrollment.seat-granted.v1'),
    hop('ow3', 'take2', outbox('checkout', 'order.completed.v1'), 240, 2.7),
    hop('pub3', 'ow3', relay('checkout', 'order.completed.v1', 'KAFKA'), 257, 2.4, {
      waitedMs: 14.3,
      attempt: 1,
    }),
    hop('analytics', 'pub3', delivery('order.completed.v1', 'analytics', 'KAFKA'), 261, 77.9, {
      caller: 'checkout',
      waitedMs: 4,
    }),
    hop('notify', 'pub3', delivery('order.completed.v1', 'notification', 'KAFKA'), 262, 40.9, {
      caller: 'checkout',
      waitedMs: 5,
    }),
  ],
  history: [...placed(20), change('ENROLLING', 'COMPLETED', 'seats granted', 230, 'take2')],
};

/** A declined card: the request and the gRPC authorize, CANCELLED in the request. */
export const declinedPurchase = {
  hops: [
    hop('bff', null, graphqlIn('bff'), 0, 171, { outcome: 'ERROR' }),
    hop('gql', 'bff', graphqlIn('checkout'), 5, 162, {
      caller: 'bff',
      outcome: 'ERROR',
      outcomeDetail: 'payment declined (PROCESSOR_DECLINED); order … is cancelled',
    }),
    hop('auth', 'gql', grpc('Authorize'), 73, 73.4, {
      caller: 'checkout',
      outcome: 'DECLINED',
      outcomeDetail: '9 FAILED_PRECONDITION: card declined: PROCESSOR_DECLINED',
    }),
  ],
  history: [
    change(null, 'PENDING_PAYMENT', 'order placed', 20, 'gql'),
    change('PENDING_PAYMENT', 'CANCELLED', 'payment declined: PROCESSOR_DECLINED', 150, 'gql'),
  ],
};

/** The one-seat course's second buyer: seat rejected, refunded, CANCELLED; order.cancelled.v1 has no consumer. */
export const courseFullPurchase = {
  hops: [
    ...untilEnrollmentAnswers('enrollment.seat-rejected.v1'),
    hop('refund', 'take2', grpc('Refund'), 240, 36.1, { caller: 'checkout' }),
    hop('ow3', 'take2', outbox('checkout', 'order.cancelled.v1'), 322, 12.3),
    hop('ow4', 'take2', outbox('checkout', 'order.cancelled.v2'), 334, 1.3),
    hop('pub3', 'ow3', relay('checkout', 'order.cancelled.v1', 'KAFKA'), 348, 1.3, {
      waitedMs: 13.7,
      attempt: 1,
    }),
    hop('pub4', 'ow4', relay('checkout', 'order.cancelled.v2', 'KAFKA'), 350, 1.5, {
      waitedMs: 14.2,
      attempt: 1,
    }),
    hop('analytics', 'pub4', delivery('order.cancelled.v2', 'analytics', 'KAFKA'), 353, 20, {
      caller: 'checkout',
      waitedMs: 3,
    }),
  ],
  history: [
    ...placed(20),
    change(
      'ENROLLING',
      'CANCELLED',
      'seats rejected: COURSE_FULL (all 1 seats are taken); payment refunded',
      300,
      'take2',
    ),
  ],
};
