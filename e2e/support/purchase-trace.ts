import { vi } from 'vitest';
import { findOrderTraces, readSpans, type StoredSpan } from '@shop/trace-collector';

/** A span, by where it ran and what it is called, for readable failures. */
export interface SpanRef {
  readonly service: string;
  readonly name: string;
}

/** The spans of one order, with the questions the trace test asks of them. */
export class PurchaseTrace {
  private readonly byId = new Map<string, StoredSpan>();

  constructor(readonly spans: readonly StoredSpan[]) {
    for (const span of spans) this.byId.set(`${span.traceId}/${span.spanId}`, span);
  }

  static async read(file: string, orderId: string): Promise<PurchaseTrace> {
    return new PurchaseTrace(
      findOrderTraces(await readSpans(file), orderId).flatMap((t) => t.spans),
    );
  }

  get services(): string[] {
    return [...new Set(this.spans.map((s) => s.service))].sort();
  }

  get traceIds(): Set<string> {
    return new Set(this.spans.map((s) => s.traceId));
  }

  /** The one span called `name` in `service`; throws listing what there is. */
  one({ service, name }: SpanRef): StoredSpan {
    const found = this.spans.filter((s) => s.service === service && s.name === name);
    if (found.length !== 1)
      throw new Error(`${found.length} spans "${name}" in ${service}; spans: ${this.describe()}`);
    return found[0]!;
  }

  /** Every span below `ancestor` in its trace. */
  below(ancestor: StoredSpan): StoredSpan[] {
    return this.spans.filter((s) => s.traceId === ancestor.traceId && this.isBelow(s, ancestor));
  }

  /** The spans whose links point at `target`. */
  linkingTo(target: StoredSpan): StoredSpan[] {
    return this.spans.filter((s) =>
      s.links.some((l) => l.traceId === target.traceId && l.spanId === target.spanId),
    );
  }

  describe(): string {
    return this.spans.map((s) => `${s.service}:${s.kind}:${s.name}`).join(', ');
  }

  private isBelow(span: StoredSpan, ancestor: StoredSpan): boolean {
    for (let at = this.parentOf(span); at; at = this.parentOf(at)) {
      if (at.spanId === ancestor.spanId) return true;
    }
    return false;
  }

  private parentOf(span: StoredSpan): StoredSpan | undefined {
    return span.parentSpanId === undefined
      ? undefined
      : this.byId.get(`${span.traceId}/${span.parentSpanId}`);
  }
}

/**
 * `probe`'s first value that `done` accepts, polled with `vi.waitFor` (in a
 * hook, where `expect.poll` cannot run); the error names `what` and the last value.
 */
export function pollUntil<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (!done(value)) throw new Error(`waiting until ${what}; last: ${JSON.stringify(value)}`);
      return value;
    },
    { timeout: timeoutMs, interval: 250 },
  );
}
