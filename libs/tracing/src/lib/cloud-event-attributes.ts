import { trace, type Attributes } from '@opentelemetry/api';
import { ShopAttributes } from './shop-attributes.js';

/** The envelope fields of a CloudEvent that identify it; never its data. */
export interface CloudEventEnvelope {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject?: string | undefined;
  readonly correlationid?: unknown;
}

/**
 * Span attributes for the message a consumer handles: OpenTelemetry's
 * `cloudevents.*` conventions plus the correlation id. Only envelope ids —
 * the event's data may hold personal data and stays out of traces.
 */
export function cloudEventAttributes(event: CloudEventEnvelope): Attributes {
  return {
    'cloudevents.event_id': event.id,
    'cloudevents.event_type': event.type,
    'cloudevents.event_source': event.source,
    ...(event.subject === undefined ? {} : { 'cloudevents.event_subject': event.subject }),
    ...(typeof event.correlationid === 'string'
      ? { [ShopAttributes.correlationId]: event.correlationid }
      : {}),
  };
}

/** Adds attributes to the span of the work in progress (a consumer's `process` span); no-op without one. */
export function annotateActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
