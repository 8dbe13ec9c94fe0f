/** What a hop does for the purchase (docs/patterns/purchase-timeline.md). */
export type HopIntent = 'QUERY' | 'COMMAND' | 'EVENT' | 'WRITE';
/** How it travelled: OUTBOX is a row written in the sender's own database transaction. */
export type HopTransport = 'HTTP' | 'GRAPHQL' | 'GRPC' | 'AMQP' | 'KAFKA' | 'OUTBOX';
/** SYNC: the caller waited for the answer. ASYNC: it left a message and went on. */
export type HopMode = 'SYNC' | 'ASYNC';
/**
 * How the hop ended. DECLINED: the callee answered a definite "no" (a declined
 * card); REJECTED: the request was refused as invalid or unauthorised; RETRIED:
 * this attempt failed and a later one was made; DEAD_LETTERED: parked with its
 * reason; IN_PROGRESS: the span has not ended.
 */
export type HopOutcome =
  'OK' | 'ERROR' | 'DECLINED' | 'REJECTED' | 'RETRIED' | 'DEAD_LETTERED' | 'IN_PROGRESS';

/** One step of a purchase as the timeline shows it, built from one span. */
export interface Hop {
  /** The span id of the span the hop is built from (unique within the timeline). */
  readonly id: string;
  readonly traceId: string;
  readonly spanId: string;
  /** A readable name: "POST /v1/orders", "payment.Authorize", "outbox write order.completed.v1", … */
  readonly step: string;
  /** The service that did the work of this hop. */
  readonly service: string;
  /** The service that asked for it, when a span shows it. */
  readonly caller: string | null;
  readonly intent: HopIntent;
  readonly transport: HopTransport;
  readonly mode: HopMode;
  /** ISO 8601 instant. */
  readonly startedAt: string;
  /** null while the span has not ended. */
  readonly durationMs: number | null;
  /** Async hops: how long the message waited between the hop that produced it and this one. */
  readonly waitedMs: number | null;
  readonly outcome: HopOutcome;
  /** Why, in a few words, when the outcome is not OK (a status message, a code). */
  readonly outcomeDetail: string | null;
  /** The attempt number where the work is retried (outbox publish, command delivery, a retried call). */
  readonly attempt: number | null;
  /** The hop this one follows from (a parent in the same trace, or an outbox link), if known. */
  readonly causedBy: string | null;
}

/** One entry of an order's status history, as checkout keeps it. */
export interface StatusChange {
  readonly from: string | null;
  readonly to: string;
  readonly reason: string;
  /** ISO 8601 instant. */
  readonly at: string;
}

/** A status change, placed in the hop during which it was recorded (null when none was running). */
export interface PlacedStatusChange extends StatusChange {
  readonly duringHop: string | null;
}

export interface PurchaseTimeline {
  /** In causal order: every hop after the hop it follows from, otherwise by start. */
  readonly hops: readonly Hop[];
  readonly history: readonly PlacedStatusChange[];
}
