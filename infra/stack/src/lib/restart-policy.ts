/** How the stack restarts a component that exits without being told to. */
export interface RestartPolicy {
  /** Restarts in a row before the component is left down and reported failed; 0: never restart. */
  readonly limit: number;
  /** The wait before the first restart; each further one in a row waits twice as long… */
  readonly backoffMs: number;
  /** …up to this. */
  readonly maxBackoffMs: number;
  /** A component that served this long before it crashed starts a new row (its count is reset). */
  readonly stableMs: number;
}

export const NO_RESTARTS: RestartPolicy = {
  limit: 0,
  backoffMs: 0,
  maxBackoffMs: 0,
  stableMs: 0,
};

/**
 * The wait before restart number `inARow` (1, 2, …) of a row: exponential,
 * capped. No jitter: one component restarts alone, there is no crowd of
 * clients to spread out.
 */
export function restartDelayMs(policy: RestartPolicy, inARow: number): number {
  return Math.min(policy.backoffMs * 2 ** Math.max(0, inARow - 1), policy.maxBackoffMs);
}

/** How a process ended: its exit code, or the signal that killed it. */
export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export function describeExit(exit: ExitStatus): string {
  return exit.signal === null ? `code ${String(exit.code)}` : `killed by ${exit.signal}`;
}
