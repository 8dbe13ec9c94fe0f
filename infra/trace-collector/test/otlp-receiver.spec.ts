import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace as traceApi } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpans, startTraceCollector, type RunningTraceCollector } from '../src/index.js';

let dir: string;
let collector: RunningTraceCollector;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trace-collector-'));
  collector = await startTraceCollector({ file: join(dir, 'traces', 'spans.jsonl') });
});
afterAll(async () => {
  await collector.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A tracer that exports through the SDK's real OTLP/JSON exporter to the collector. */
function exportingTracer() {
  const provider = new TracerProvider({
    spanProcessors: [
      new SimpleSpanProcessor({
        exporter: new OTLPTraceExporter({ url: `${collector.endpoint}/v1/traces` }),
      }),
    ],
  });
  return { tracer: provider.getTracer('test'), provider };
}

describe('the OTLP/JSON receiver', () => {
  it('stores what the SDK exporter sends: ids, kinds, times, typed attributes, links, events, status', async () => {
    const { tracer, provider } = exportingTracer();
    const parent = tracer.startSpan('write', { kind: SpanKind.INTERNAL });
    const child = tracer.startSpan(
      'publish order.completed.v1',
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'shop.order_id': 'o-1',
          'shop.outbox.attempt': 2,
          ratio: 0.5,
          ok: true,
          tags: ['a', 'b'],
        },
        links: [{ context: parent.spanContext(), attributes: { 'shop.link': 'outbox.enqueued' } }],
      },
      traceApi.setSpan(ROOT_CONTEXT, parent),
    );
    child.addEvent('retrying', { attempt: 1 });
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'broker down' });
    child.end();
    parent.end();
    await provider.shutdown();

    const stored = await readSpans(collector.file);
    const publish = stored.find((s) => s.name === 'publish order.completed.v1');
    expect(publish).toMatchObject({
      traceId: parent.spanContext().traceId,
      spanId: child.spanContext().spanId,
      parentSpanId: parent.spanContext().spanId,
      kind: 'PRODUCER',
      status: { code: 'ERROR', message: 'broker down' },
      attributes: {
        'shop.order_id': 'o-1',
        'shop.outbox.attempt': 2,
        ratio: 0.5,
        ok: true,
        tags: ['a', 'b'],
      },
      links: [
        { spanId: parent.spanContext().spanId, attributes: { 'shop.link': 'outbox.enqueued' } },
      ],
      events: [{ name: 'retrying', attributes: { attempt: 1 } }],
    });
    expect(publish?.service).toMatch(/^unknown_service/);
    expect(BigInt(publish!.endTimeUnixNano) >= BigInt(publish!.startTimeUnixNano)).toBe(true);
  });

  it('accepts gzip-compressed exports', async () => {
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'zipped' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                  spanId: '00f067aa0ba902b7',
                  name: 'compressed',
                  kind: 2,
                  startTimeUnixNano: '1764000000000000000',
                  endTimeUnixNano: 1764000000001000000,
                },
              ],
            },
          ],
        },
      ],
    };
    const res = await fetch(`${collector.endpoint}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(body)),
    });
    expect(res.status).toBe(200);
    expect((await readSpans(collector.file)).find((s) => s.name === 'compressed')).toMatchObject({
      service: 'zipped',
      kind: 'SERVER',
      endTimeUnixNano: '1764000000001000000',
    });
  });

  it('refuses protobuf with a hint, and a body that is not an OTLP export with 400', async () => {
    const post = (type: string, body: Buffer | string, encoding?: string) =>
      fetch(`${collector.endpoint}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': type, ...(encoding ? { 'content-encoding': encoding } : {}) },
        body,
      });
    const protobuf = await post('application/x-protobuf', Buffer.from([0x0a, 0x00]));
    expect(protobuf.status).toBe(415);
    expect(await protobuf.text()).toContain('OTEL_EXPORTER_OTLP_PROTOCOL=http/json');
    expect((await post('application/json', '{"resourceSpans": 5}')).status).toBe(400);
    expect((await post('application/json', gzipSync('not json'), 'gzip')).status).toBe(400);
  });
});
