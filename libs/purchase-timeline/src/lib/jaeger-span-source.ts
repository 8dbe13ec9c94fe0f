import { z } from 'zod';
import { findOrderTraces, ORDER_ATTRIBUTE } from './order-traces.js';
import { spansOfRequest } from './otlp-json.js';
import type { SpanSource } from './span-source.js';
import type { StoredSpan } from './stored-span.js';

export interface JaegerSpanSourceOptions {
  /** Jaeger's query service, e.g. http://jaeger:16686. */
  readonly baseUrl: string;
  /** The services whose spans name orders (`shop.order_id`): the search needs a service. */
  readonly services: readonly string[];
  /** How far back to search. */
  readonly lookbackMs?: number;
  /** Most traces read for one order (the request, each outbox hop, and relay retries). */
  readonly maxTraces?: number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

// The search answer of Jaeger's JSON API (/api/traces): only the trace ids are read.
const searchAnswer = z.object({
  data: z
    .array(z.object({ traceID: z.string() }))
    .nullable()
    .default([]),
});
// api/v3 answers OTLP/JSON inside a grpc-gateway envelope: { result: TracesData }.
const traceAnswer = z.object({ result: z.unknown() });

/**
 * An order's spans from Jaeger (docker-compose). Jaeger's api/v3 search does
 * not take attributes over HTTP, so the traces that name the order are found
 * with the JSON API's tag search (`/api/traces?service=…&tags={"shop.order_id":…}`),
 * once per service that sets it, and each trace is then read whole in OTLP
 * form from `/api/v3/traces/{traceId}` — the same decoding as the local
 * receiver. Linked traces not found by the search are read too, until no
 * link leads anywhere new.
 */
export class JaegerSpanSource implements SpanSource {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: JaegerSpanSourceOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  async spansOfOrder(orderId: string): Promise<StoredSpan[]> {
    const found = await Promise.all(this.options.services.map((s) => this.search(s, orderId)));
    const pending = [...new Set(found.flat())];
    const read = new Map<string, StoredSpan[]>();
    const max = this.options.maxTraces ?? 50;
    for (let traceId = pending.shift(); traceId !== undefined; traceId = pending.shift()) {
      if (read.size >= max) break;
      if (read.has(traceId)) continue;
      const spans = await this.trace(traceId);
      read.set(traceId, spans);
      for (const link of spans.flatMap((s) => s.links)) {
        if (!read.has(link.traceId)) pending.push(link.traceId);
      }
    }
    return findOrderTraces([...read.values()].flat(), orderId).flatMap((t) => t.spans);
  }

  private async search(service: string, orderId: string): Promise<string[]> {
    const end = Date.now();
    const start = end - (this.options.lookbackMs ?? 7 * 24 * 3_600_000);
    const query = new URLSearchParams({
      service,
      tags: JSON.stringify({ [ORDER_ATTRIBUTE]: orderId }),
      start: String(start * 1000), // microseconds
      end: String(end * 1000),
      limit: String(this.options.maxTraces ?? 50),
    });
    const body = await this.get(`/api/traces?${query.toString()}`);
    if (body === undefined) return [];
    return (searchAnswer.parse(body).data ?? []).map((t) => t.traceID);
  }

  private async trace(traceId: string): Promise<StoredSpan[]> {
    const body = await this.get(`/api/v3/traces/${encodeURIComponent(traceId)}`);
    return body === undefined ? [] : spansOfRequest(traceAnswer.parse(body).result);
  }

  // 404 is Jaeger's "no traces found": an empty answer, not a failure.
  private async get(path: string): Promise<unknown> {
    const response = await this.fetch(new URL(path, this.options.baseUrl), {
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      headers: { accept: 'application/json' },
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`Jaeger answered ${response.status} to GET ${path}`);
    return response.json();
  }
}
