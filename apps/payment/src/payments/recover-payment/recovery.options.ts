/** How payment recovers claims left PENDING by a process that died mid-flight. */
export interface RecoveryOptions {
  /** A PENDING claim untouched this long belongs to a dead attempt and may be recovered. */
  readonly leaseMs: number;
  /** How often the background sweep looks for such claims. */
  readonly sweepIntervalMs: number;
  /** The clock; tests may move it. */
  readonly now?: () => Date;
}

export const RECOVERY_OPTIONS = Symbol('RECOVERY_OPTIONS');
