/** What one bounded load phase saw, whatever the protocol. */
export interface PhaseResult {
  /** Answered successfully (HTTP 2xx, gRPC OK). */
  readonly ok: number;
  readonly failures: number;
  readonly durationS: number;
  readonly latenciesMs: number[];
}

/** One way to load a server: `concurrency` clients in a closed loop for `durationS`. */
export type LoadPhase = (concurrency: number, durationS: number) => Promise<PhaseResult>;
