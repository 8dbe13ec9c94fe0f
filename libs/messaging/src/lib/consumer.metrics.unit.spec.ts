import { trace } from '@opentelemetry/api';
import { traced } from '@shop/tracing';
import { recordSpans, type SpanRecorder } from '@shop/tracing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDeadLettered, measureConsumption, type ConsumeOutcome } from './consumer.metrics.js';

const FROM = { system: 'kafka', destination: 'order.completed.v1', group: 'notification' } as const;
let spans: SpanRecorder;
beforeAll(() => {
  spans = recordSpans();
});
afterAll(() => spans.stop());

// One delivery in a consumer span, as the client library's instrumentation opens it.
const deliver = (name: string, consume: () => Promise<ConsumeOutcome>) =>
  traced(trace.getTracer('test'), name, {}, () => measureConsumption(FROM, consume));

describe('measureConsumption', () => {
  it('says on the consumer’s span how the delivery ended, and a dead letter’s code', async () => {
    await deliver('handled', () => Promise.resolve('handled'));
    await deliver('parked', () => {
      countDeadLettered(FROM, 'SCHEMA_INVALID');
      return Promise.resolve('dead_lettered');
    });
    await deliver('thrown', () => Promise.reject(new Error('deliver again'))).catch(
      () => undefined,
    );
    const attributes = (name: string) => spans.named(name)[0]?.attributes;
    expect(attributes('handled')).toMatchObject({ 'shop.messaging.outcome': 'handled' });
    expect(attributes('parked')).toMatchObject({
      'shop.messaging.outcome': 'dead_lettered',
      'shop.messaging.dead_letter.code': 'SCHEMA_INVALID',
    });
    expect(attributes('thrown')).toMatchObject({ 'shop.messaging.outcome': 'retry_later' });
  });
});
