import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSpans, type SpanRecorder } from '../testing/span-recorder.js';
import { annotateActiveSpan, cloudEventAttributes } from './cloud-event-attributes.js';

let recorder: SpanRecorder;
beforeAll(() => {
  recorder = recordSpans();
});
afterAll(() => recorder.stop());

const event = {
  id: 'evt-1',
  type: 'com.shop.order.completed.v1',
  source: '/shop/checkout',
  subject: 'order-1',
  correlationid: 'req-1',
  data: { learnerId: 'someone', email: 'learner@example.com' },
};

describe('cloud event attributes', () => {
  it('names the event by its envelope, never its data', () => {
    expect(cloudEventAttributes(event)).toEqual({
      'cloudevents.event_id': 'evt-1',
      'cloudevents.event_type': 'com.shop.order.completed.v1',
      'cloudevents.event_source': '/shop/checkout',
      'cloudevents.event_subject': 'order-1',
      'shop.correlation_id': 'req-1',
    });
  });

  it('lands on the active span, and is a no-op without one', () => {
    annotateActiveSpan({ lost: true });
    trace.getTracer('test').startActiveSpan('process order.completed.v1', (span) => {
      annotateActiveSpan(cloudEventAttributes(event));
      span.end();
    });
    const [span] = recorder.named('process order.completed.v1');
    expect(span!.attributes).toMatchObject({ 'cloudevents.event_id': 'evt-1' });
    expect(JSON.stringify(recorder.spans().map((s) => s.attributes))).not.toContain('example.com');
  });
});
