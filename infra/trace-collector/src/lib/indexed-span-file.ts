import { open } from 'node:fs/promises';
import {
  findOrderTraces,
  ORDER_ATTRIBUTE,
  type SpanSource,
  type StoredSpan,
} from '@shop/purchase-timeline';

/**
 * The spans file, indexed by order: each read parses only the lines appended
 * since the last one (from the byte offset it stopped at, up to the last
 * complete line), and keeps spans by trace, the traces that name each order,
 * and the outbox links between traces both ways. An order's spans are then
 * found without reading the file again.
 */
export class IndexedSpanFile implements SpanSource {
  private offset = 0;
  private readonly spansByTrace = new Map<string, StoredSpan[]>();
  private readonly tracesByOrder = new Map<string, Set<string>>();
  private readonly linkedTraces = new Map<string, Set<string>>();
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async spansOfOrder(orderId: string): Promise<StoredSpan[]> {
    await this.catchUp();
    const reached = new Set(this.tracesByOrder.get(orderId) ?? []);
    for (const traceId of reached) {
      for (const next of this.linkedTraces.get(traceId) ?? []) reached.add(next);
    }
    const spans = [...reached].flatMap((traceId) => this.spansByTrace.get(traceId) ?? []);
    return findOrderTraces(spans, orderId).flatMap((trace) => trace.spans);
  }

  /** Reads what was appended since the last call (one reader at a time). */
  catchUp(): Promise<void> {
    this.catchingUp = this.catchingUp.then(() => this.readNewLines());
    return this.catchingUp;
  }

  private async readNewLines(): Promise<void> {
    let file;
    try {
      file = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const { size } = await file.stat();
      if (size < this.offset) this.reset(); // the file was replaced: start over
      if (size === this.offset) return;
      const buffer = Buffer.alloc(size - this.offset);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, this.offset);
      const complete = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      // A torn last line (a write in progress) waits for the next read.
      for (const line of buffer.subarray(0, complete).toString('utf8').split('\n')) {
        const span = parsed(line);
        if (span) this.add(span);
      }
      this.offset += complete;
    } finally {
      await file.close();
    }
  }

  private add(span: StoredSpan): void {
    const trace = this.spansByTrace.get(span.traceId) ?? [];
    trace.push(span);
    this.spansByTrace.set(span.traceId, trace);
    const orderId = span.attributes[ORDER_ATTRIBUTE];
    if (typeof orderId === 'string') addTo(this.tracesByOrder, orderId, span.traceId);
    for (const link of span.links) {
      addTo(this.linkedTraces, span.traceId, link.traceId);
      addTo(this.linkedTraces, link.traceId, span.traceId);
    }
  }

  private reset(): void {
    this.offset = 0;
    this.spansByTrace.clear();
    this.tracesByOrder.clear();
    this.linkedTraces.clear();
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

function parsed(line: string): StoredSpan | undefined {
  if (line.trim() === '') return undefined;
  try {
    return JSON.parse(line) as StoredSpan;
  } catch {
    return undefined; // the collector writes whole lines; anything else is not a span
  }
}
