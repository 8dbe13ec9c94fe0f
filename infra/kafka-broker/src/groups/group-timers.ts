import type { Member } from './group-member.js';

export interface RebalanceDeadlines {
  /** The join phase is over: complete it with the members that rejoined. */
  joinEnded(): void;
  /** The leader did not sync `generation` in time. */
  syncExpired(generation: number): void;
}

/** The group-wide deadlines of a rebalance: the join phase (maybe an initial delay) and the sync phase. */
export class RebalanceTimers {
  private joinTimer: NodeJS.Timeout | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private initialDelay = false;

  constructor(private readonly deadlines: RebalanceDeadlines) {}

  /** Whether an empty group's first join still waits for more members. */
  get inInitialDelay(): boolean {
    return this.initialDelay;
  }

  startInitialDelay(ms: number): void {
    this.initialDelay = true;
    this.joinTimer = setTimeout(() => {
      this.initialDelay = false;
      this.deadlines.joinEnded();
    }, ms);
  }

  startJoinDeadline(ms: number): void {
    this.joinTimer = setTimeout(() => {
      this.deadlines.joinEnded();
    }, ms);
  }

  startSyncDeadline(ms: number, generation: number): void {
    this.syncTimer = setTimeout(() => {
      this.deadlines.syncExpired(generation);
    }, ms);
  }

  stopSyncDeadline(): void {
    clearTimeout(this.syncTimer);
  }

  clear(): void {
    clearTimeout(this.joinTimer);
    clearTimeout(this.syncTimer);
    this.initialDelay = false;
  }
}

/** (Re)starts a member's session: `expired` runs unless it shows up again in time. */
export function restartSession(member: Member, expired: () => void): void {
  clearTimeout(member.sessionTimer);
  member.sessionTimer = setTimeout(expired, member.sessionTimeoutMs);
}

// A member with a parked request cannot heartbeat, so its session must not run out.
export function pauseSession(member: Member): void {
  clearTimeout(member.sessionTimer);
  member.sessionTimer = undefined;
}

export function longestRebalanceTimeout(members: Iterable<Member>): number {
  return Math.max(0, ...[...members].map((member) => member.rebalanceTimeoutMs));
}
