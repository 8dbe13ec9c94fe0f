import { millisBetween, type StoredSpan } from '../stored-span.js';
import type { Hop, PlacedStatusChange, PurchaseTimeline, StatusChange } from './hop.js';
import { hopOfSpan } from './hop-of-span.js';
import { SpanGraph } from './span-graph.js';
import { isEnded, nanoToIso } from './span-reading.js';

/**
 * An order's purchase as hops: what `findOrderTraces` found for the order
 * (every trace, joined by the outbox's links) plus its status history. Each
 * hop is one span that crosses a boundary — a request in, a call out, an
 * outbox write, a relay publish, a delivery — labelled from its semantic
 * attributes, never from a list of the flow's steps; hops come in causal
 * order (each after the hop it follows from), and each status change is
 * placed in the hop that was running when it was recorded.
 */
export function purchaseTimeline(
  spans: readonly StoredSpan[],
  history: readonly StatusChange[] = [],
): PurchaseTimeline {
  const graph = new SpanGraph(spans);
  const anchors = new Map<StoredSpan, Hop>();
  for (const span of spans) {
    const shape = hopOfSpan(span, graph);
    if (!shape) continue;
    anchors.set(span, {
      id: span.spanId,
      traceId: span.traceId,
      spanId: span.spanId,
      startedAt: nanoToIso(span.startTimeUnixNano),
      durationMs: isEnded(span)
        ? millisBetween(span.startTimeUnixNano, span.endTimeUnixNano)
        : null,
      ...shape,
      causedBy: null,
    });
  }
  const hops = [...anchors].map(([span, hop]) => ({
    ...hop,
    causedBy: causeOf(span, graph, anchors)?.id ?? null,
  }));
  const ordered = causalOrder(hops, spans);
  return { hops: ordered, history: history.map((change) => placed(change, ordered, spans)) };
}

// The nearest hop up the parent chain; at the top of a trace the relay's
// span link leads back to the outbox write that the message came from.
function causeOf(
  span: StoredSpan,
  graph: SpanGraph,
  anchors: ReadonlyMap<StoredSpan, Hop>,
): Hop | undefined {
  const seen = new Set<StoredSpan>();
  for (let at: StoredSpan | undefined = span; at && !seen.has(at);) {
    seen.add(at);
    const up = graph.ancestor(at, (s) => anchors.has(s));
    if (up) return anchors.get(up);
    const linked = graph.linkTarget(graph.rootOf(at));
    if (linked && anchors.has(linked)) return anchors.get(linked);
    at = linked;
  }
  return undefined;
}

// Earliest first, but never before the hop it follows from (clocks of two
// machines may disagree by more than a hop takes).
function causalOrder(hops: readonly Hop[], spans: readonly StoredSpan[]): Hop[] {
  const start = new Map(spans.map((s) => [s.spanId, BigInt(s.startTimeUnixNano)]));
  const pending = [...hops].sort((a, b) => {
    const x = start.get(a.id) ?? 0n;
    const y = start.get(b.id) ?? 0n;
    return x < y ? -1 : x > y ? 1 : a.id.localeCompare(b.id);
  });
  const ids = new Set(hops.map((h) => h.id));
  const done = new Set<string>();
  const ordered: Hop[] = [];
  while (pending.length > 0) {
    const ready = pending.findIndex(
      (h) => h.causedBy === null || !ids.has(h.causedBy) || done.has(h.causedBy),
    );
    const [next] = pending.splice(Math.max(ready, 0), 1);
    if (!next) break;
    done.add(next.id);
    ordered.push(next);
  }
  return ordered;
}

// The innermost (latest-started) hop running when the change was recorded.
// No slack needed: the history's instants and the spans' starts are both
// whole milliseconds rounded down, so a change made in a hop never falls
// before its start or after its end.
function placed(
  change: StatusChange,
  hops: readonly Hop[],
  spans: readonly StoredSpan[],
): PlacedStatusChange {
  const at = BigInt(Date.parse(change.at)) * 1_000_000n;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  let during: { id: string; start: bigint } | undefined;
  for (const hop of hops) {
    const span = byId.get(hop.id);
    if (!span) continue;
    const start = BigInt(span.startTimeUnixNano);
    const end = isEnded(span) ? BigInt(span.endTimeUnixNano) : undefined;
    const running = start <= at && (end === undefined || at <= end);
    if (running && (!during || start > during.start)) during = { id: hop.id, start };
  }
  return { ...change, duringHop: during?.id ?? null };
}
