import { z } from 'zod';
import type { SpanSource } from './span-source.js';
import type { StoredSpan } from './stored-span.js';

const answer = z.object({ spans: z.array(z.custom<StoredSpan>((v) => typeof v === 'object')) });

/** An order's spans from the local collector's read API (`GET /v1/orders/{orderId}/spans`). */
export class CollectorSpanSource implements SpanSource {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 2_000,
  ) {}

  async spansOfOrder(orderId: string): Promise<StoredSpan[]> {
    const url = new URL(`/v1/orders/${encodeURIComponent(orderId)}/spans`, this.baseUrl);
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`the trace collector answered ${response.status}`);
    return answer.parse(await response.json()).spans;
  }
}
