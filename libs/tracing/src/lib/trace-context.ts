import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Link,
} from '@opentelemetry/api';

/** W3C trace context as transport headers: `traceparent` and, when there is one, `tracestate`. */
export type TraceCarrier = Readonly<Record<string, string>>;

/**
 * The trace context of the work in progress, as the headers that would carry
 * it to another process; empty when nothing is traced (tracing is off, or no
 * span is active). What the outbox writer keeps in a row.
 */
export function currentTraceCarrier(): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/**
 * A span link to the context a carrier holds, or none when it holds no valid
 * one: how a later, separate piece of work (the outbox relay) points back at
 * the work that caused it without becoming its child.
 */
export function linkTo(carrier: TraceCarrier, attributes: Link['attributes'] = {}): Link[] {
  const linked = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, carrier));
  return linked && isSpanContextValid(linked) ? [{ context: linked, attributes }] : [];
}
