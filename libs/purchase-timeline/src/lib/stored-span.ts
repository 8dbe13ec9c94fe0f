/** What a span attribute may hold, as OTLP carries it. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | AttributeMap;
export interface AttributeMap {
  readonly [key: string]: AttributeValue;
}

export type SpanKindName = 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';

export interface StoredLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes: AttributeMap;
}

/**
 * One span as the collector keeps it: one JSON line per span in the spans
 * file, flattened from OTLP (the resource's `service.name` on each span,
 * attributes as a plain object, times as Unix nanoseconds in decimal strings).
 */
export interface StoredSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: SpanKindName;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly status: { readonly code: 'UNSET' | 'OK' | 'ERROR'; readonly message?: string };
  readonly attributes: AttributeMap;
  readonly links: readonly StoredLink[];
  readonly events: readonly { readonly name: string; readonly attributes: AttributeMap }[];
}

/** Milliseconds between two Unix-nanosecond strings, with microsecond precision. */
export function millisBetween(fromNano: string, toNano: string): number {
  return Number((BigInt(toNano) - BigInt(fromNano)) / 1000n) / 1000;
}
