/**
 * One dependency the service cannot work without (its database, a broker).
 * `check` resolves when the dependency answers, and rejects with the reason
 * otherwise; it should honour the signal, which aborts after the timeout.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
