import { RPCType, getRPCMetadata } from '@opentelemetry/core';
import { context, trace, type TracerProvider } from '@opentelemetry/api';

/**
 * Names the current HTTP server span after the route template, e.g.
 * `POST /v1/orders/:id` rather than `POST`: the web framework knows the route,
 * the HTTP instrumentation only the URL. A no-op when nothing is traced.
 */
export function recordHttpRoute(route: string | undefined): void {
  const metadata = getRPCMetadata(context.active());
  if (route !== undefined && metadata?.type === RPCType.HTTP) metadata.route = route;
}

interface Flushable {
  forceFlush(): Promise<void>;
}

// The global provider is a proxy around the SDK's, which is what holds the spans.
interface Delegating {
  getDelegate?: () => TracerProvider;
}

/**
 * Exports the spans still buffered by the batch processor; call it last on
 * shutdown, or the spans of the final seconds are lost. A no-op when tracing is off.
 */
export async function flushSpans(): Promise<void> {
  const provider: TracerProvider & Delegating = trace.getTracerProvider();
  const actual = provider.getDelegate?.() ?? provider;
  if (isFlushable(actual)) await actual.forceFlush();
}

function isFlushable(provider: TracerProvider): provider is TracerProvider & Flushable {
  return 'forceFlush' in provider && typeof provider.forceFlush === 'function';
}
