import { SpanStatusCode, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';

/**
 * Runs `work` in a new active span: its awaits, logs and outgoing calls are
 * children of it. A thrown error is recorded on the span (as an exception
 * event and an ERROR status) and rethrown. The span ends when `work` settles.
 */
export function traced<T>(
  tracer: Tracer,
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
