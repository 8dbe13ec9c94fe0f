import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';

/** In-process tracing for a test: every ended span, in the order it ended. */
export interface SpanRecorder {
  spans(): readonly ReadableSpan[];
  /** The ended spans called `name`; fails the lookup loudly when there is none. */
  named(name: string): ReadableSpan[];
  reset(): void;
  /** Unregisters everything `recordSpans` registered. */
  stop(): Promise<void>;
}

/**
 * Registers a global tracer provider, context manager and W3C propagator, as
 * the preload does in a service, but keeping spans in memory: what a unit test
 * of code that creates spans or carries trace context needs. Call `stop` in
 * `afterAll`.
 */
export function recordSpans(): SpanRecorder {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    spans: () => exporter.getFinishedSpans(),
    named: (name) => {
      const found = exporter.getFinishedSpans().filter((span) => span.name === name);
      if (found.length === 0) {
        const names = exporter.getFinishedSpans().map((span) => span.name);
        throw new Error(`no span named "${name}" (ended: ${names.join(', ') || 'none'})`);
      }
      return found;
    },
    reset: () => {
      exporter.reset();
    },
    stop: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
