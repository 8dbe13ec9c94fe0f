import type { Meter } from '@opentelemetry/api';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { observeRuntime } from './runtime-metrics.js';

/** The content type of Prometheus' text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface Registry {
  readonly provider: MeterProvider;
  readonly reader: PrometheusExporter;
  readonly serializer: PrometheusSerializer;
}

let registry: Registry | undefined;

// One meter provider per process, made on first use, so an instrument a lib
// creates at any time is real (the OpenTelemetry API's global provider is
// no proxy: a meter taken before registration would stay a no-op for good).
function theRegistry(): Registry {
  if (registry) return registry;
  // A pull reader: Prometheus scrapes the service's own /metrics route; the
  // exporter's own HTTP server (port 9464) is never started.
  const reader = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [reader] });
  // No target_info (Prometheus' job and instance name the service); scope
  // labels stay: otel_scope_name says which lib measured a series.
  const serializer = new PrometheusSerializer(undefined, false, undefined, true);
  registry = { provider, reader, serializer };
  observeRuntime(provider.getMeter('@shop/metrics'));
  return registry;
}

/**
 * The meter a lib or app records with, named after it (`@shop/resilience`).
 * Every instrument of the process lands in one registry, which
 * {@link metricsExposition} reads.
 */
export function shopMeter(scope: string): Meter {
  return theRegistry().provider.getMeter(scope);
}

/** Everything measured so far, in Prometheus' text format (what `/metrics` answers). */
export async function metricsExposition(): Promise<string> {
  const { reader, serializer } = theRegistry();
  const { resourceMetrics } = await reader.collect();
  return serializer.serialize(resourceMetrics);
}
