import type { FaultRequestInput } from '../faults/fault-request.js';
import type { DrillCourse } from './drill-purchases.js';

/** One drill of `pnpm drill`: the fault it injects, and what the learner should watch. */
export interface Drill {
  /** The fault it injects; none when the purchases themselves are the drill (course-full). */
  readonly fault?: (durationMs: number) => FaultRequestInput;
  /** One-shot injections (poison) have no duration: the drill only watches what follows. */
  readonly lasting: boolean;
  readonly fails: string;
  readonly mitigation: string;
  /** Its lab page under docs/labs/: do this, watch this, the mitigation, the test. */
  readonly lab: string;
  /** The purchases it places during the fault, when not `--purchases` (3) of messaging-101 at once. */
  readonly load?: DrillLoad;
}

export interface DrillLoad {
  readonly purchases: number;
  readonly course: DrillCourse;
  /** Each purchase followed to its end before the next (else all at once). */
  readonly oneByOne?: boolean;
}

export const DRILLS = {
  'payment-slow': {
    fault: (durationMs) => ({
      kind: 'payment-slow',
      durationMs,
      latencyMs: { min: 2_000, max: 4_000 },
    }),
    lab: 'payment-slow.md',
    lasting: true,
    fails: 'payment answers Authorize 2–4 s late',
    mitigation:
      "checkout's gRPC deadline, then its breaker: 503 + Retry-After, nothing charged twice",
  },
  'payment-failing': {
    fault: (durationMs) => ({ kind: 'payment-failing', durationMs, errorRate: 1 }),
    lab: 'retry-storm.md',
    lasting: true,
    fails: 'every Authorize answers UNAVAILABLE (the card processor fails)',
    mitigation: "checkout's retry budget, then its breaker opens: 503 + Retry-After fast",
  },
  'payment-down': {
    fault: (durationMs) => ({ kind: 'payment-down', durationMs }),
    lab: 'payment-down.md',
    lasting: true,
    fails: 'payment is stopped: connections refused',
    mitigation:
      "checkout's breaker: 503 + Retry-After; purchases complete again once payment is back",
  },
  'kafka-down': {
    fault: (durationMs) => ({ kind: 'broker-stopped', broker: 'kafka', durationMs }),
    lab: 'broker-down.md',
    lasting: true,
    fails: 'Kafka is stopped',
    mitigation: 'the outboxes hold the events (backlog grows), then drain in per-key order',
  },
  'amqp-down': {
    fault: (durationMs) => ({ kind: 'broker-stopped', broker: 'amqp', durationMs }),
    lab: 'broker-down.md',
    lasting: true,
    fails: 'the AMQP broker is stopped',
    mitigation:
      "checkout's outbox holds the grant-seat commands; orders wait in ENROLLING, then complete",
  },
  'kafka-paused': {
    fault: (durationMs) => ({ kind: 'broker-paused', broker: 'kafka', durationMs }),
    lab: 'broker-down.md',
    lasting: true,
    fails: 'Kafka is frozen (SIGSTOP): connections open, nothing answers',
    mitigation: 'client timeouts; the outboxes hold the events until Kafka thaws',
  },
  'amqp-paused': {
    fault: (durationMs) => ({ kind: 'broker-paused', broker: 'amqp', durationMs }),
    lab: 'broker-down.md',
    lasting: true,
    fails: 'the AMQP broker is frozen (SIGSTOP)',
    mitigation:
      "publisher confirms time out; checkout's outbox retries; orders complete after the thaw",
  },
  'consumer-slow': {
    fault: (durationMs) => ({
      kind: 'consumer-slow',
      app: 'notification',
      durationMs,
      latencyMs: { min: 1_000, max: 2_000 },
    }),
    lab: 'slow-consumer.md',
    lasting: true,
    fails: "notification's handlers take 1–2 s per event",
    mitigation: 'nothing upstream waits: orders complete; receipts lag, then catch up',
  },
  'consumer-crashing': {
    fault: (durationMs) => ({ kind: 'consumer-crashing', app: 'notification', durationMs }),
    lab: 'consumer-crash.md',
    lasting: true,
    fails: "notification's handler throws on every event",
    mitigation:
      'retries with backoff, then the event is parked in its dead-letter topic; orders still complete',
  },
  'poison-command': {
    fault: () => ({ kind: 'poison-command' }),
    lab: 'poison-command.md',
    lasting: false,
    fails: 'a malformed grant-seat command arrives at enrollment',
    mitigation:
      'enrollment refuses it and parks it (enrollment.grant-seat.parking); redrive with node apps/enrollment/dist/redrive.js',
  },
  'poison-event': {
    fault: () => ({ kind: 'poison-event' }),
    lab: 'poison-command.md',
    lasting: false,
    fails: 'a malformed order.completed.v1 arrives at notification and analytics',
    mitigation:
      'each consumer dead-letters it to its own DLQ topic with the reason; the partition moves on',
  },
  'network-lossy': {
    fault: (durationMs) => ({ kind: 'network-lossy', to: 'payment', resetRate: 0.3, durationMs }),
    lab: 'lossy-network.md',
    lasting: true,
    fails: "checkout's link to payment resets the connection instead of 30 % of payment's answers",
    mitigation:
      "checkout's retries with the same payment key, its deadline and breaker: 201 or 503 + Retry-After, never 500, never charged twice",
    // One by one: purchases in flight together share one HTTP/2 connection, and one reset fails them all.
    load: { purchases: 10, course: 'messaging-101', oneByOne: true },
  },
  'retry-storm': {
    fault: (durationMs) => ({ kind: 'payment-failing', durationMs, errorRate: 0.5 }),
    lab: 'retry-storm.md',
    lasting: true,
    fails: 'half of the Authorize calls answer UNAVAILABLE while 36 purchases arrive at once',
    mitigation:
      "checkout's retry budget: retries stop when it is spent (budget left 0), so payment sees at most 10 + 10 % more calls, not 3×",
    load: { purchases: 36, course: 'grpc-in-practice' },
  },
  'bulkhead-saturation': {
    fault: (durationMs) => ({
      kind: 'payment-slow',
      durationMs,
      latencyMs: { min: 2_000, max: 4_000 },
    }),
    lab: 'bulkhead-saturation.md',
    lasting: true,
    fails: 'payment answers 2–4 s late while 60 purchases arrive at once',
    mitigation:
      "checkout's bulkhead: 20 payment calls in flight, 20 waiting, the rest refused at once — 503 + Retry-After in milliseconds",
    load: { purchases: 60, course: 'grpc-in-practice' },
  },
  'course-full': {
    lab: 'course-full.md',
    lasting: false,
    fails: 'the one-seat course is bought twice: the second purchase finds no seat',
    mitigation:
      'compensation: checkout refunds the payment and cancels the order with its reason (order.cancelled.v2)',
    load: { purchases: 2, course: 'outbox-masterclass', oneByOne: true },
  },
  'duplicate-delivery': {
    fault: (durationMs) => ({ kind: 'duplicate-delivery', app: 'enrollment', durationMs }),
    lab: 'duplicate-delivery.md',
    lasting: true,
    fails: 'enrollment handles every command twice, as after a lost ack',
    mitigation:
      "enrollment's inbox skips the second (shop_inbox_duplicates_total grows); one seat per order",
  },
  'consumer-crash-mid-message': {
    fault: (durationMs) => ({
      kind: 'consumer-crashing',
      app: 'enrollment',
      at: 'after-handler',
      deliveries: 'first',
      durationMs,
    }),
    lab: 'consumer-crash.md',
    lasting: true,
    fails:
      "enrollment's handler grants the seat, then fails before the ack (each command's first delivery)",
    mitigation:
      'the command comes back through a delay queue; the inbox skips the repeat; one seat, and the order completes',
  },
} as const satisfies Record<string, Drill>;

export type DrillName = keyof typeof DRILLS;

export function isDrillName(name: string): name is DrillName {
  return Object.hasOwn(DRILLS, name);
}
