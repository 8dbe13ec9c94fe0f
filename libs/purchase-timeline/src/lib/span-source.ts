import type { StoredSpan } from './stored-span.js';

/**
 * Where an order's spans are read from: the local collector's span file, or
 * Jaeger's query API in docker-compose. Either answers every span of every
 * trace of the order (the request and each outbox hop, joined by links),
 * earliest trace first; none when nothing names the order (yet).
 */
export interface SpanSource {
  spansOfOrder(orderId: string): Promise<StoredSpan[]>;
}

/** An order id as the sources accept it: a UUID, or any short id of letters, digits and dashes. */
export const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
