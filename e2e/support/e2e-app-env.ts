import type { AppEnvironment } from '@shop/stack';

/**
 * The stack's defaults, except where waiting would only slow the suite:
 * enrollment parks a failing command after 4 attempts 0.2 + 0.4 + 0.8 s apart
 * (not 1 + 5 + 30 s), so the poison test sees the parking lot in ~2 s; and
 * where the default cannot be reached: no query of today's schema nests
 * deeper than 7, so the bff's depth limit is lowered to 5 to be seen at work.
 */
export const E2E_APP_ENV: AppEnvironment = {
  enrollment: { GRANT_SEAT_RETRY_DELAYS_MS: '200,400,800', GRANT_SEAT_MAX_ATTEMPTS: '4' },
  bff: { MAX_QUERY_DEPTH: '5' },
};
