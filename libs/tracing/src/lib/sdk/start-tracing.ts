import { hotReadSampler } from './hot-read-sampler.js';
import { createInstrumentations, INSTRUMENTED_MODULES } from './instrumentations.js';
import { hookEsmImports } from './module-hooks.js';
import { tracingSettingsFrom, type TracingSettings } from './tracing-settings.js';

/**
 * Starts the OpenTelemetry Node SDK for this process, configured by the
 * standard `OTEL_*` variables, exporting traces only (no metrics, no log
 * records: logs are JSON lines on stdout). Without an OTLP endpoint it loads
 * nothing and returns the reason.
 */
export async function startTracing(
  env: NodeJS.ProcessEnv,
  entryScript: string | undefined,
): Promise<TracingSettings> {
  const settings = tracingSettingsFrom(env, entryScript);
  if (!settings.enabled) return settings;
  // Order matters: the loader hook first, then the instrumentations (which
  // register what to patch), then the SDK, whose own imports (grpc-js among
  // them) are then patched like the app's.
  hookEsmImports(INSTRUMENTED_MODULES);
  const instrumentations = await createInstrumentations(settings.hotReadRatio);
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  new NodeSDK({
    serviceName: settings.serviceName,
    instrumentations,
    metricReaders: [],
    logRecordProcessors: [],
    // Without one, the SDK reads OTEL_TRACES_SAMPLER (parentbased_always_on by default).
    ...(settings.hotReadRatio === undefined
      ? {}
      : { sampler: hotReadSampler(settings.hotReadRatio) }),
  }).start();
  return settings;
}
