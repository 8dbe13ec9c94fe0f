/**
 * The stack's supervision settings in the suite: short backoffs, and a limit
 * of restarts in a row that a test reaches in a few kills
 * (src/supervision.e2e.ts). The stack's defaults are in infra/stack's README.
 */
export const E2E_RESTART_LIMIT = 2;

export const E2E_STACK_SETTINGS = {
  STACK_RESTART_LIMIT: String(E2E_RESTART_LIMIT),
  STACK_RESTART_BACKOFF_MS: '200',
  STACK_RESTART_BACKOFF_MAX_MS: '1000',
} as const;
