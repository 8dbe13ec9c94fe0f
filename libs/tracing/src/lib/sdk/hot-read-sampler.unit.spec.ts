import { ROOT_CONTEXT, SpanKind, TraceFlags, trace, type Attributes } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { hotReadSampler, untracedHotRead } from './hot-read-sampler.js';

// 1000 trace ids spread evenly over the id space the ratio sampler reads.
const traceIds = Array.from(
  { length: 1000 },
  (_, i) =>
    `${Math.floor(((i + 0.5) / 1000) * 0xffffffff)
      .toString(16)
      .padStart(8, '0')}${'0'.repeat(24)}`,
);

function sampledShare(
  sampler: ReturnType<typeof hotReadSampler>,
  spanName: string,
  kind: SpanKind,
  attributes: Attributes,
): number {
  const sampled = traceIds.filter(
    (id) =>
      sampler.shouldSample(ROOT_CONTEXT, id, spanName, kind, attributes, []).decision ===
      SamplingDecision.RECORD_AND_SAMPLED,
  );
  return sampled.length / traceIds.length;
}

const http = (method: string, path: string) => ({
  'http.request.method': method,
  'url.path': path,
});

describe('the hot-read sampler', () => {
  const sampler = hotReadSampler(0.1);

  it('traces every order, payment and GraphQL operation', () => {
    expect(sampledShare(sampler, 'POST', SpanKind.SERVER, http('POST', '/v1/orders'))).toBe(1);
    expect(sampledShare(sampler, 'GET', SpanKind.SERVER, http('GET', '/v1/orders/42'))).toBe(1);
    expect(sampledShare(sampler, 'POST', SpanKind.SERVER, http('POST', '/graphql'))).toBe(1);
    expect(
      sampledShare(sampler, 'grpc.shop.payment.v1.PaymentService/Authorize', SpanKind.SERVER, {}),
    ).toBe(1);
    expect(sampledShare(sampler, 'outbox relay', SpanKind.INTERNAL, {})).toBe(1);
  });

  it('traces the given share of test-card listings, by trace id', () => {
    expect(
      sampledShare(
        sampler,
        'grpc.shop.payment.v1.PaymentService/ListTestCards',
        SpanKind.SERVER,
        {},
      ),
    ).toBeCloseTo(0.1, 2);
    // An HTTP hot read was decided before its span: the sampler keeps what reaches it.
    expect(sampledShare(sampler, 'GET', SpanKind.SERVER, http('GET', '/v1/courses'))).toBe(1);
  });

  it("follows the caller's decision, so a trace is whole or absent", () => {
    const parent = (traceFlags: TraceFlags) =>
      trace.setSpanContext(ROOT_CONTEXT, {
        traceId: traceIds[0]!,
        spanId: '00f067aa0ba902b7',
        traceFlags,
        isRemote: true,
      });
    const decide = (traceFlags: TraceFlags, attributes: Attributes) =>
      sampler.shouldSample(parent(traceFlags), traceIds[0]!, 'GET', SpanKind.SERVER, attributes, [])
        .decision;
    expect(decide(TraceFlags.SAMPLED, http('GET', '/v1/courses'))).toBe(
      SamplingDecision.RECORD_AND_SAMPLED,
    );
    expect(decide(TraceFlags.NONE, http('POST', '/v1/orders'))).toBe(SamplingDecision.NOT_RECORD);
  });
});

const request = (method: string, url: string, headers: Record<string, string> = {}) =>
  ({ method, url, headers }) as IncomingMessage;

describe('untraced HTTP hot reads', () => {
  // Evenly spread "random" numbers: exactly the ratio's share falls below it.
  const spread = () => {
    let i = 0;
    return () => (i++ % 1000) / 1000 + 0.0005;
  };
  const untracedShare = (req: IncomingMessage) => {
    const untraced = untracedHotRead(0.1, undefined, spread());
    return Array.from({ length: 1000 }, () => untraced(req)).filter(Boolean).length / 1000;
  };

  it('leaves all but the given share of catalog reads untraced', () => {
    expect(untracedShare(request('GET', '/v1/courses/6f1c8a52'))).toBeCloseTo(0.9, 2);
    expect(untracedShare(request('GET', '/v1/courses?first=10'))).toBeCloseTo(0.9, 2);
  });

  it('traces every order, every other method and path, and every read whose caller is traced', () => {
    expect(untracedShare(request('POST', '/v1/orders'))).toBe(0);
    expect(untracedShare(request('GET', '/v1/orders/42'))).toBe(0);
    expect(untracedShare(request('POST', '/v1/courses'))).toBe(0);
    expect(untracedShare(request('GET', '/v1/coursesX'))).toBe(0);
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(untracedShare(request('GET', '/v1/courses/1', { traceparent }))).toBe(0);
  });
});
