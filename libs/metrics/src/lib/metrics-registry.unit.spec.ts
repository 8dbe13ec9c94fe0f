import { describe, expect, it } from 'vitest';
import { parseExposition, samplesOf, valueOf } from './exposition.js';
import { bounded, DURATION_BUCKETS_S, OTHER } from './conventions.js';
import { metricsExposition, shopMeter } from './metrics-registry.js';

describe('the process metrics registry', () => {
  it('exposes a counter under its Prometheus name, with _total, labels and the value it moved by', async () => {
    const counter = shopMeter('@shop/metrics-spec').createCounter('shop.spec.things', {
      description: 'Things the spec counted.',
    });
    counter.add(2, { 'thing.kind': 'blue' });
    counter.add(1, { 'thing.kind': 'blue' });
    const samples = parseExposition(await metricsExposition());
    expect(valueOf(samples, 'shop_spec_things_total', { thing_kind: 'blue' })).toBe(3);
    expect(samplesOf(samples, 'shop_spec_things_total')[0]?.labels).toMatchObject({
      otel_scope_name: '@shop/metrics-spec',
    });
  });

  it('exposes a duration histogram with the shared buckets, in seconds', async () => {
    const histogram = shopMeter('@shop/metrics-spec').createHistogram('shop.spec.duration', {
      unit: 's',
      advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_S] },
    });
    histogram.record(0.02);
    const samples = parseExposition(await metricsExposition());
    expect(valueOf(samples, 'shop_spec_duration_count')).toBe(1);
    expect(valueOf(samples, 'shop_spec_duration_bucket', { le: '0.01' })).toBe(0);
    expect(valueOf(samples, 'shop_spec_duration_bucket', { le: '0.025' })).toBe(1);
  });

  it("exposes the process's CPU time, memory and event loop delay", async () => {
    const samples = parseExposition(await metricsExposition());
    expect(valueOf(samples, 'process_cpu_time_total', { cpu_mode: 'user' })).toBeGreaterThan(0);
    expect(valueOf(samples, 'process_memory_usage')).toBeGreaterThan(0);
    expect(samplesOf(samples, 'nodejs_eventloop_delay_p99')).toHaveLength(1);
  });
});

describe('bounded', () => {
  it('keeps a known value and folds anything else into "other"', () => {
    const known = new Set(['PlaceOrder']);
    expect(bounded('PlaceOrder', known)).toBe('PlaceOrder');
    expect(bounded('order-7f3a', known)).toBe(OTHER);
    expect(bounded(undefined, known)).toBe(OTHER);
  });
});

describe('parseExposition', () => {
  it('reads escaped label values and +Inf', () => {
    const [sample] = parseExposition('x_bucket{le="+Inf",path="a\\"b"} 4\n');
    expect(sample).toEqual({ name: 'x_bucket', labels: { le: '+Inf', path: 'a"b' }, value: 4 });
  });
});
