import type { AppEnvironment } from '@shop/stack';

/**
 * The stack's defaults, except where waiting would only slow the suite:
 * enrollment parks a failing command after 4 attempts 0.2 + 0.4 + 0.8 s apart
 * (not 1 + 5 + 30 s), so the poison test sees the parking lot in ~2 s; and
 * where the default cannot be reached: no query of today's schema nests
 * deeper than 7, so the bff's depth limit is lowered to 5 to be seen at work.
 * checkout's breaker opens after 20 consecutive payment failures, not 5: the
 * retry-storm lab (src/labs/retry-storm.lab.e2e.ts) fails half the calls at
 * random, and five in a row would open the breaker before the retry budget it
 * shows runs out; the labs that open the breaker place purchases until it is.
 */
export const E2E_BREAKER_FAILURES = 20;

export const E2E_APP_ENV: AppEnvironment = {
  checkout: { PAYMENT_BREAKER_FAILURES: String(E2E_BREAKER_FAILURES) },
  enrollment: { GRANT_SEAT_RETRY_DELAYS_MS: '200,400,800', GRANT_SEAT_MAX_ATTEMPTS: '4' },
  bff: { MAX_QUERY_DEPTH: '5' },
};
