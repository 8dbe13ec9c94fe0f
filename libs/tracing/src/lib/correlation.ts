import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header (HTTP), metadata key (gRPC) and message header (AMQP, Kafka) that carries the id. */
export const CORRELATION_HEADER = 'x-correlation-id';

// Accept what a well-behaved caller sends; anything else is replaced, so a
// client cannot inject log-breaking content into every line we write.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const storage = new AsyncLocalStorage<string>();

/** Runs `fn` with `id` as the correlation id of everything it does, sync or async. */
export function withCorrelationId<T>(id: string, fn: () => T): T {
  return storage.run(id, fn);
}

/** The correlation id of the work in progress, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}

/** Keeps a valid incoming id, or starts a new one at the edge. */
export function correlationIdFrom(incoming: unknown): string {
  const candidate = Array.isArray(incoming) ? (incoming[0] as unknown) : incoming;
  return typeof candidate === 'string' && ACCEPTABLE_ID.test(candidate) ? candidate : randomUUID();
}
