import { SpanStatusCode, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordSpans, type SpanRecorder } from '../testing/span-recorder.js';
import { traced } from './traced.js';

let recorder: SpanRecorder;
beforeAll(() => {
  recorder = recordSpans();
});
beforeEach(() => {
  recorder.reset();
});
afterAll(() => recorder.stop());

const tracer = () => trace.getTracer('test');

describe('traced', () => {
  it('makes the spans started inside it, across awaits, its children', async () => {
    await traced(tracer(), 'outer', {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      tracer().startSpan('inner').end();
    });
    const [outer] = recorder.named('outer');
    const [inner] = recorder.named('inner');
    expect(inner!.parentSpanContext?.spanId).toBe(outer!.spanContext().spanId);
  });

  it('records a failure on the span and rethrows it', async () => {
    const failing = traced(tracer(), 'failing', {}, () => Promise.reject(new Error('broker down')));
    await expect(failing).rejects.toThrow('broker down');
    const [span] = recorder.named('failing');
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'broker down' });
    expect(span!.events.map((e) => e.name)).toEqual(['exception']);
    expect(span!.ended).toBe(true);
  });
});
