import type { StoredSpan } from '../stored-span.js';

const keyOf = (traceId: string, spanId: string) => `${traceId}/${spanId}`;

/** An order's spans with their parents, children and outbox links looked up by id. */
export class SpanGraph {
  private readonly byKey = new Map<string, StoredSpan>();
  private readonly children = new Map<string, StoredSpan[]>();

  constructor(readonly spans: readonly StoredSpan[]) {
    for (const span of spans) this.byKey.set(keyOf(span.traceId, span.spanId), span);
    for (const span of spans) {
      if (span.parentSpanId === undefined) continue;
      const parent = keyOf(span.traceId, span.parentSpanId);
      this.children.set(parent, [...(this.children.get(parent) ?? []), span]);
    }
  }

  /** The parent, when it was recorded (a parent may be missing: not exported yet, or sampled out). */
  parentOf(span: StoredSpan): StoredSpan | undefined {
    return span.parentSpanId === undefined
      ? undefined
      : this.byKey.get(keyOf(span.traceId, span.parentSpanId));
  }

  childrenOf(span: StoredSpan): readonly StoredSpan[] {
    return this.children.get(keyOf(span.traceId, span.spanId)) ?? [];
  }

  descendantsOf(span: StoredSpan): StoredSpan[] {
    const found: StoredSpan[] = [];
    const visit = (at: StoredSpan) => {
      for (const child of this.childrenOf(at)) {
        found.push(child);
        visit(child);
      }
    };
    visit(span);
    return found;
  }

  /** The nearest ancestor `accept`s, walking up parents only (never across a link). */
  ancestor(span: StoredSpan, accept: (s: StoredSpan) => boolean): StoredSpan | undefined {
    const seen = new Set<StoredSpan>();
    for (let at = this.parentOf(span); at && !seen.has(at); at = this.parentOf(at)) {
      seen.add(at);
      if (accept(at)) return at;
    }
    return undefined;
  }

  /** The span an outbox link points at, when recorded. */
  linkTarget(span: StoredSpan): StoredSpan | undefined {
    for (const link of span.links) {
      const target = this.byKey.get(keyOf(link.traceId, link.spanId));
      if (target) return target;
    }
    return undefined;
  }

  /** The top of `span`'s recorded parent chain. */
  rootOf(span: StoredSpan): StoredSpan {
    const seen = new Set<StoredSpan>([span]);
    let at = span;
    for (let up = this.parentOf(at); up && !seen.has(up); up = this.parentOf(up)) {
      seen.add(up);
      at = up;
    }
    return at;
  }
}
