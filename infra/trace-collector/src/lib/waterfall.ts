import { millisBetween, type StoredSpan, type TraceView } from '@shop/purchase-timeline';

export interface WaterfallOptions {
  /** Leave out database client spans (a transaction is a dozen of them). */
  readonly hideDatabase?: boolean;
}

const isDatabase = (span: StoredSpan) =>
  span.attributes['db.system'] !== undefined || span.attributes['db.system.name'] !== undefined;

/**
 * An order's traces as text: one block per trace, each span on a line with its
 * start (ms after the order's first span), duration, service, kind and name,
 * indented under its parent. A hop into another service is marked `→` when it
 * is synchronous (a client call answered by a server) and `⇢` when it is
 * asynchronous (a message a consumer took from a broker); a trace started by
 * the outbox relay says which span it links to and how long the message
 * waited in the outbox.
 */
export function renderWaterfall(
  orderId: string,
  traces: readonly TraceView[],
  options: WaterfallOptions = {},
): string {
  const all = traces.flatMap((t) => t.spans);
  const first = all[0];
  if (!first) return `no spans for order ${orderId}`;
  const t0 = all.reduce(
    (min, s) => (BigInt(s.startTimeUnixNano) < BigInt(min) ? s.startTimeUnixNano : min),
    first.startTimeUnixNano,
  );
  const end = all.reduce(
    (max, s) => (BigInt(s.endTimeUnixNano) > BigInt(max) ? s.endTimeUnixNano : max),
    first.endTimeUnixNano,
  );
  const services = [...new Set(all.map((s) => s.service))];
  const shown = options.hideDatabase ? all.filter((s) => !isDatabase(s)) : all;
  const lines = [
    `order ${orderId}: ${traces.length} trace(s), ${all.length} spans, ${fmt(millisBetween(t0, end))} ms from the first span to the last`,
    `services: ${services.join(', ')}${shown.length < all.length ? ` (${all.length - shown.length} database spans hidden)` : ''}`,
    '',
    `${'start ms'.padStart(10)} ${'took ms'.padStart(9)}  ${'service'.padEnd(13)}${'kind'.padEnd(10)}span`,
  ];
  traces.forEach((trace, index) => {
    lines.push(traceHeader(trace, index, traces, all));
    const kept = trace.spans.filter((s) => !(options.hideDatabase && isDatabase(s)));
    for (const row of treeRows(kept)) lines.push(spanLine(row, t0));
  });
  return lines.join('\n');
}

function traceHeader(
  trace: TraceView,
  index: number,
  traces: readonly TraceView[],
  all: readonly StoredSpan[],
): string {
  const head = `── trace ${index + 1}/${traces.length} ${trace.traceId}`;
  const root = trace.spans.find((s) => s.parentSpanId === undefined) ?? trace.spans[0];
  const link = root?.links[0];
  if (!root || !link) return head;
  const target = all.find((s) => s.spanId === link.spanId && s.traceId === link.traceId);
  if (!target) return `${head}  (linked to span ${link.spanId} of trace ${link.traceId})`;
  const where = traces.findIndex((t) => t.traceId === target.traceId) + 1;
  const waited = millisBetween(target.endTimeUnixNano, root.startTimeUnixNano);
  return `${head}  ⇠ linked to "${target.name}" (${target.service}, trace ${where}); waited ${fmt(waited)} ms in the outbox`;
}

interface Row {
  readonly span: StoredSpan;
  readonly prefix: string;
  readonly hop: '' | '→ ' | '⇢ ';
}

function treeRows(spans: readonly StoredSpan[]): Row[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, StoredSpan[]>();
  for (const span of spans) {
    const parent =
      span.parentSpanId !== undefined && ids.has(span.parentSpanId) ? span.parentSpanId : '';
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const rows: Row[] = [];
  const walk = (
    span: StoredSpan,
    parent: StoredSpan | undefined,
    indent: string,
    branch: string,
  ) => {
    rows.push({ span, prefix: indent + branch, hop: hopBetween(parent, span) });
    const kids = children.get(span.spanId) ?? [];
    const childIndent = indent + (branch === '' ? '' : branch === '└─ ' ? '   ' : '│  ');
    kids.forEach((kid, i) => {
      walk(kid, span, childIndent, i === kids.length - 1 ? '└─ ' : '├─ ');
    });
  };
  for (const root of children.get('') ?? []) walk(root, undefined, '', '');
  return rows;
}

function hopBetween(parent: StoredSpan | undefined, span: StoredSpan): Row['hop'] {
  if (!parent || parent.service === span.service) return '';
  if (span.kind === 'CONSUMER') return '⇢ ';
  return span.kind === 'SERVER' ? '→ ' : '';
}

function spanLine({ span, prefix, hop }: Row, t0: string): string {
  const start = fmt(millisBetween(t0, span.startTimeUnixNano)).padStart(10);
  const took = fmt(millisBetween(span.startTimeUnixNano, span.endTimeUnixNano)).padStart(9);
  const failed = span.status.code === 'ERROR' ? `  ✗ ${span.status.message ?? 'error'}` : '';
  return `${start} ${took}  ${span.service.padEnd(13)}${span.kind.padEnd(10)}${prefix}${hop}${span.name}${failed}`;
}

function fmt(ms: number): string {
  return ms.toFixed(1);
}
