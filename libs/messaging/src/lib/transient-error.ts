// Node socket errors: the peer is not there (yet, or any more).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
// PostgreSQL: cannot connect, shutting down, too many connections, lost a race worth retrying.
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
// Prisma: server unreachable, timed out, closed the connection, pool timeout.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const TRANSIENT_MESSAGES =
  /connection terminated|connection refused|server closed the connection|timeout exceeded when trying to connect/i;

/**
 * The default test for "retry until it works": the failure says a dependency
 * is unreachable, not that this message is wrong. Looks through `cause` chains,
 * since drivers wrap socket errors.
 */
export function isTransientError(error: unknown): boolean {
  for (let current = error, depth = 0; isObject(current) && depth < 8; depth++) {
    const code = typeof current.code === 'string' ? current.code : undefined;
    if (
      code !== undefined &&
      (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || PRISMA_CODES.has(code))
    ) {
      return true;
    }
    if (code?.startsWith('08')) return true; // SQLSTATE class 08: connection exception
    if (typeof current.message === 'string' && TRANSIENT_MESSAGES.test(current.message))
      return true;
    current = current.cause;
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> & { cause?: unknown } {
  return typeof value === 'object' && value !== null;
}
