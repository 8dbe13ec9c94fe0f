import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';

/**
 * The bounds every service's HTTP server puts on one client, so that a slow or
 * oversized request cannot hold a connection or memory for long (issue 13):
 * a client that sends half a body and stalls is answered 408 and disconnected
 * within `requestTimeoutMs` (+ one `timeoutCheckIntervalMs`).
 */
export interface HttpServerLimits {
  /** The whole request, headers and body, must arrive within this. */
  readonly requestTimeoutMs: number;
  /** The header section must arrive within this (≤ `requestTimeoutMs`). */
  readonly headersTimeoutMs: number;
  /** How often Node checks open requests against the two timeouts above. */
  readonly timeoutCheckIntervalMs: number;
  /** A socket with no traffic in either direction for this long is destroyed. */
  readonly idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (above common load balancers' 60 s). */
  readonly keepAliveTimeoutMs: number;
  /** Largest request body accepted; above it, 413 before the body is buffered. */
  readonly bodyLimitBytes: number;
  /** Largest header section accepted; above it, 431. */
  readonly maxHeaderBytes: number;
}

export const DEFAULT_HTTP_SERVER_LIMITS: HttpServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  timeoutCheckIntervalMs: 1_000,
  idleTimeoutMs: 120_000,
  keepAliveTimeoutMs: 72_000,
  bodyLimitBytes: 1_048_576,
  maxHeaderBytes: 16_384,
};

/** The Fastify (and underlying Node `http.Server`) options that enforce the limits. */
export function fastifyLimitOptions(limits: HttpServerLimits): FastifyHttpOptions<Server> {
  return {
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    bodyLimit: limits.bodyLimitBytes,
    http: {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
      maxHeaderSize: limits.maxHeaderBytes,
    },
  };
}
