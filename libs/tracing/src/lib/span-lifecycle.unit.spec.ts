import { context, trace } from '@opentelemetry/api';
import { RPCType, setRPCMetadata, type RPCMetadata } from '@opentelemetry/core';
import { BatchSpanProcessor, InMemorySpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { recordSpans } from '../testing/span-recorder.js';
import { flushSpans, recordHttpRoute } from './span-lifecycle.js';

afterEach(() => {
  trace.disable();
  context.disable();
});

describe('recordHttpRoute', () => {
  it('gives the HTTP instrumentation the route template of the request in progress', async () => {
    const recorder = recordSpans();
    const span = trace.getTracer('test').startSpan('POST');
    const metadata: RPCMetadata = { type: RPCType.HTTP, span };
    context.with(setRPCMetadata(context.active(), metadata), () => {
      recordHttpRoute('/v1/orders/:id');
    });
    span.end();
    expect(metadata.route).toBe('/v1/orders/:id');
    await recorder.stop();
  });

  it('does nothing outside an HTTP request', () => {
    expect(() => {
      recordHttpRoute('/v1/orders');
    }).not.toThrow();
  });
});

describe('flushSpans', () => {
  it('exports what the batch processor still holds', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({
      spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 60_000 })],
    });
    trace.setGlobalTracerProvider(provider);
    trace.getTracer('test').startSpan('buffered').end();
    expect(exporter.getFinishedSpans()).toHaveLength(0);

    await flushSpans();

    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['buffered']);
    await provider.shutdown();
  });

  it('is a no-op when tracing is off', async () => {
    await expect(flushSpans()).resolves.toBeUndefined();
  });
});
