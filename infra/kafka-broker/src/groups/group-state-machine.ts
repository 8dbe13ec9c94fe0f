import type { Logger } from '../logger.js';
import { ErrorCode } from '../protocol/error-codes.js';
import {
  answerJoin,
  answerSync,
  generationResults,
  joinFailure,
  syncFailure,
  type Member,
} from './group-member.js';
import { chooseProtocol } from './group-protocol.js';
import { longestRebalanceTimeout, RebalanceTimers, restartSession } from './group-timers.js';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

export interface GroupSettings {
  /** Wait this long for more members when the first one joins an empty group (Kafka: 3 s). */
  readonly initialRebalanceDelayMs: number;
  readonly logger: Logger;
}

/**
 * The classic protocol's group states and the moves between them: Empty →
 * PreparingRebalance (parked JoinGroups) → CompletingRebalance (parked
 * SyncGroups) → Stable, and back to PreparingRebalance when membership changes.
 */
export abstract class GroupStateMachine {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  protected readonly timers = new RebalanceTimers({
    joinEnded: () => {
      this.completeJoin();
    },
    syncExpired: (generation) => {
      this.expireSync(generation);
    },
  });

  constructor(
    readonly id: string,
    protected readonly settings: GroupSettings,
  ) {}

  protected prepareRebalance(reason: string): void {
    const wasEmpty = this.state === 'Empty';
    for (const member of this.members.values())
      answerSync(member, syncFailure(ErrorCode.REBALANCE_IN_PROGRESS));
    this.timers.clear();
    this.state = 'PreparingRebalance';
    this.settings.logger.info('group rebalancing', { group: this.id, reason });
    const delay = this.settings.initialRebalanceDelayMs;
    const timeout = longestRebalanceTimeout(this.members.values());
    if (wasEmpty && delay > 0) {
      this.timers.startInitialDelay(Math.min(delay, timeout));
      return;
    }
    this.timers.startJoinDeadline(timeout);
    this.maybeCompleteJoin();
  }

  protected maybeCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance' || this.timers.inInitialDelay) return;
    if ([...this.members.values()].every((member) => member.joinWaiter !== undefined))
      this.completeJoin();
  }

  private completeJoin(): void {
    this.timers.clear();
    for (const member of this.members.values()) {
      if (member.joinWaiter === undefined)
        this.forget(member, 'did not rejoin within the rebalance timeout');
    }
    this.generationId++;
    const members = [...this.members.values()];
    const [firstMember] = members;
    if (!firstMember) {
      this.becomeEmpty();
      return;
    }
    this.protocolName = chooseProtocol(members);
    if (this.leaderId === null || !this.members.has(this.leaderId)) this.leaderId = firstMember.id;
    this.state = 'CompletingRebalance';
    const results = generationResults(members, this.generationId, this.protocolName, this.leaderId);
    for (const [member, result] of results) {
      this.restartSession(member);
      answerJoin(member, result);
    }
    this.settings.logger.info('group formed', {
      group: this.id,
      generation: this.generationId,
      members: members.length,
    });
    const timeout = longestRebalanceTimeout(this.members.values());
    this.timers.startSyncDeadline(timeout, this.generationId);
  }

  protected completeSync(assignments: Map<string, Buffer>): void {
    this.timers.stopSyncDeadline();
    this.state = 'Stable';
    for (const member of this.members.values()) {
      member.assignment = assignments.get(member.id) ?? Buffer.alloc(0);
      if (member.syncWaiter) {
        answerSync(member, { errorCode: ErrorCode.NONE, assignment: member.assignment });
        this.restartSession(member);
      }
    }
  }

  // The leader never sent its assignment: drop the members that did not sync and start over.
  private expireSync(generation: number): void {
    if (this.state !== 'CompletingRebalance' || this.generationId !== generation) return;
    for (const member of this.members.values()) {
      if (member.syncWaiter === undefined)
        this.forget(member, 'did not sync within the rebalance timeout');
    }
    this.afterMembershipChange('members missed the sync');
  }

  protected remove(member: Member, reason: string): void {
    this.forget(member, reason);
    this.afterMembershipChange(`${member.id} ${reason}`);
  }

  private forget(member: Member, reason: string): void {
    clearTimeout(member.sessionTimer);
    answerJoin(member, joinFailure(ErrorCode.UNKNOWN_MEMBER_ID, member.id));
    answerSync(member, syncFailure(ErrorCode.UNKNOWN_MEMBER_ID));
    this.members.delete(member.id);
    this.settings.logger.info('member removed', { group: this.id, member: member.id, reason });
  }

  private afterMembershipChange(reason: string): void {
    if (this.members.size === 0) {
      if (this.state !== 'Empty') this.generationId++;
      this.becomeEmpty();
      return;
    }
    if (this.state === 'PreparingRebalance') this.maybeCompleteJoin();
    else this.prepareRebalance(reason);
  }

  private becomeEmpty(): void {
    this.timers.clear();
    this.state = 'Empty';
    // Kafka keeps the protocol type of an empty group; ListGroups still reports it.
    this.protocolName = null;
    this.leaderId = null;
  }

  protected restartSession(member: Member): void {
    restartSession(member, () => {
      this.remove(member, 'session timed out');
    });
  }
}
