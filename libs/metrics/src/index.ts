export type { BatchObservableCallback } from '@opentelemetry/api';
export { bounded, DURATION_BUCKETS_S, OTHER, secondsSince } from './lib/conventions.js';
export { metricsExposition, PROMETHEUS_CONTENT_TYPE, shopMeter } from './lib/metrics-registry.js';
export { parseExposition, samplesOf, valueOf, type Sample } from './lib/exposition.js';
export { readWithin } from './lib/scrape-time-read.js';
