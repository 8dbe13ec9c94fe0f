import { readFileSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

/** Where in an app a fault acts: payment's card processor, or an app's event consumer. */
export const FAULT_TARGETS = ['payment.authorize', 'consumer'] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

/** One fault as the stack's fault API writes it into an app's fault file. */
export const inAppFaultSchema = z.object({
  id: z.string().min(1),
  target: z.enum(FAULT_TARGETS),
  /** Epoch ms after which it no longer acts, even if the file is never rewritten. */
  until: z.number().int(),
  /** Extra latency before the work, uniform between min and max (ms). */
  latencyMs: z.object({ min: z.number().min(0), max: z.number().min(0) }).optional(),
  /** Share (0–1) of calls that fail. */
  errorRate: z.number().min(0).max(1).optional(),
  /**
   * The failure comes once the work is done (a crash mid-message: the effect
   * committed, the message not yet settled), not before it.
   */
  afterWork: z.boolean().optional(),
  /** Consumers: acts on a message's first delivery only; its redelivery goes through. */
  firstDeliveryOnly: z.boolean().optional(),
  /** Consumers: each message handled is delivered to the handler again, as after a lost ack. */
  duplicate: z.boolean().optional(),
});
export type InAppFault = z.infer<typeof inAppFaultSchema>;

export const faultFileSchema = z.object({ faults: z.array(inAppFaultSchema) });
export type FaultFile = z.infer<typeof faultFileSchema>;

/** What an injected failure throws; the work around it treats it like any failure of that step. */
export class InjectedFaultError extends Error {
  readonly code = 'INJECTED_FAULT';
  constructor(readonly faultId: string) {
    super(`injected fault ${faultId}`);
    this.name = 'InjectedFaultError';
  }
}

/**
 * The in-app half of the development-only fault API: reads the fault file the
 * stack writes (`DEV_FAULTS_FILE`, refused outside development by config) and
 * applies the faults active for a target. Each call looks at the file (one
 * `stat`, a few µs) and reads it again only when it changed, so a fault acts
 * from the call after the stack wrote it; a fault past its `until` no longer
 * acts, so it lifts on time even if the stack dies. With no file configured it
 * does nothing, not even the `stat`: the stack sets one only when its fault
 * API is on, so a benchmark's stack pays nothing here.
 */
export class DevFaults {
  private seen = '';
  private faults: readonly InAppFault[] = [];

  constructor(
    private readonly file: string | undefined,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** No fault file: every `apply` is a no-op (production, tests). */
  static off(): DevFaults {
    return new DevFaults(undefined);
  }

  /** The faults acting on `target` now. */
  active(target: FaultTarget): InAppFault[] {
    const now = this.now();
    return this.load().filter((f) => f.target === target && f.until > now);
  }

  /** Whether an active fault on `target` says: deliver each handled message once more. */
  duplicates(target: FaultTarget): boolean {
    return this.active(target).some((f) => f.duplicate === true);
  }

  /**
   * Waits out the active faults' latency, then throws `InjectedFaultError`
   * if one of them fails this call. Rejects with the abort reason when
   * `signal` aborts during the wait. Called before the work (`phase:
   * 'before'`), and by consumers once more after it (`'after'`): each fault
   * acts at one of both. A consumer says which delivery of the message this
   * is (from 1), for the faults that act on the first one only.
   */
  async apply(
    target: FaultTarget,
    signal?: AbortSignal,
    { phase = 'before', delivery = 1 }: { phase?: 'before' | 'after'; delivery?: number } = {},
  ): Promise<void> {
    for (const fault of this.active(target)) {
      if ((fault.afterWork === true) !== (phase === 'after')) continue;
      if (fault.firstDeliveryOnly === true && delivery > 1) continue;
      if (fault.latencyMs) {
        const { min, max } = fault.latencyMs;
        await sleep(min + this.random() * Math.max(0, max - min), undefined, { signal });
      }
      if (fault.errorRate !== undefined && this.random() < fault.errorRate) {
        throw new InjectedFaultError(fault.id);
      }
    }
  }

  private load(): readonly InAppFault[] {
    if (this.file === undefined) return [];
    let version: string;
    try {
      const stat = statSync(this.file);
      version = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      this.seen = '';
      this.faults = [];
      return this.faults;
    }
    if (version !== this.seen) {
      this.seen = version;
      const parsed = faultFileSchema.safeParse(safeJson(readFileSync(this.file, 'utf8')));
      // A half-written or foreign file acts as no fault; the next write is read again.
      this.faults = parsed.success ? parsed.data.faults : [];
    }
    return this.faults;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
