import type { StoredSpan } from './stored-span.js';

/** The attribute that ties a span to an order (set by the outbox on its spans). */
export const ORDER_ATTRIBUTE = 'shop.order_id';

/** One trace's spans, earliest first. */
export interface TraceView {
  readonly traceId: string;
  readonly spans: readonly StoredSpan[];
}

/**
 * The traces of one order, earliest first: every trace with a span that names
 * the order, plus every trace linked to or from those (the outbox's links
 * join the synchronous request to each asynchronous hop), until no link leads
 * anywhere new.
 */
export function findOrderTraces(spans: readonly StoredSpan[], orderId: string): TraceView[] {
  const selected = new Set(
    spans.filter((s) => s.attributes[ORDER_ATTRIBUTE] === orderId).map((s) => s.traceId),
  );
  const known = new Set(spans.map((s) => s.traceId));
  for (let grew = selected.size > 0; grew;) {
    grew = false;
    for (const span of spans) {
      for (const link of span.links) {
        const reached = selected.has(span.traceId) ? link.traceId : undefined;
        const reachedFrom = selected.has(link.traceId) ? span.traceId : undefined;
        for (const traceId of [reached, reachedFrom]) {
          if (traceId !== undefined && known.has(traceId) && !selected.has(traceId)) {
            selected.add(traceId);
            grew = true;
          }
        }
      }
    }
  }
  return [...selected]
    .map((traceId) => ({ traceId, spans: byStart(spans.filter((s) => s.traceId === traceId)) }))
    .sort((a, b) => compareNano(a.spans[0]?.startTimeUnixNano, b.spans[0]?.startTimeUnixNano));
}

/** The order of the most recently started span that names one: what `trace latest` shows. */
export function latestOrderId(spans: readonly StoredSpan[]): string | undefined {
  const named = byStart(spans.filter((s) => typeof s.attributes[ORDER_ATTRIBUTE] === 'string'));
  const last = named.at(-1)?.attributes[ORDER_ATTRIBUTE];
  return typeof last === 'string' ? last : undefined;
}

function byStart(spans: readonly StoredSpan[]): StoredSpan[] {
  return [...spans].sort((a, b) => compareNano(a.startTimeUnixNano, b.startTimeUnixNano));
}

function compareNano(a: string | undefined, b: string | undefined): number {
  const x = BigInt(a ?? '0');
  const y = BigInt(b ?? '0');
  return x < y ? -1 : x > y ? 1 : 0;
}
