import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSpans, type SpanRecorder } from '../testing/span-recorder.js';
import { currentTraceCarrier, linkTo } from './trace-context.js';

let recorder: SpanRecorder;
beforeAll(() => {
  recorder = recordSpans();
});
afterAll(() => recorder.stop());

const tracer = () => trace.getTracer('test');

describe('trace context as a carrier', () => {
  it('is the active span as a W3C traceparent, and empty when no span is active', () => {
    expect(currentTraceCarrier()).toEqual({});
    const { carrier, traceId, spanId } = tracer().startActiveSpan('work', (span) => {
      span.end();
      return { carrier: currentTraceCarrier(), ...span.spanContext() };
    });
    expect(carrier).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
  });

  it('links a later span to the carried context without making it a child', () => {
    const carrier = tracer().startActiveSpan('write', (span) => {
      span.end();
      return currentTraceCarrier();
    });
    const later = tracer().startSpan('relay', {
      root: true,
      links: linkTo(carrier, { why: 'test' }),
    });
    later.end();
    const [written] = recorder.named('write');
    const [relayed] = recorder.named('relay');
    expect(relayed!.links).toHaveLength(1);
    expect(relayed!.links[0]?.context.spanId).toBe(written!.spanContext().spanId);
    expect(relayed!.links[0]?.attributes).toEqual({ why: 'test' });
    expect(relayed!.spanContext().traceId).not.toBe(written!.spanContext().traceId);
    expect(relayed!.parentSpanContext).toBeUndefined();
  });

  it('makes no link from an empty or malformed carrier', () => {
    expect(linkTo({})).toEqual([]);
    expect(linkTo({ traceparent: 'not-a-traceparent' })).toEqual([]);
    expect(linkTo({ traceparent: `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01` })).toEqual([]);
  });
});
