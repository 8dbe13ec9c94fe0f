import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import { ErrorCode } from '../protocol/error-codes.js';
import {
  chooseProtocol,
  commonProtocols,
  joinFailure,
  metadataFor,
  syncFailure,
  type JoinRequest,
  type JoinResult,
  type Member,
  type SyncResult,
} from './group-member.js';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

export interface GroupSettings {
  /** Wait this long for more members when the first one joins an empty group (Kafka: 3 s). */
  readonly initialRebalanceDelayMs: number;
  readonly logger: Logger;
}

/**
 * One consumer group under the classic protocol: Empty → PreparingRebalance
 * (parked JoinGroups) → CompletingRebalance (parked SyncGroups) → Stable.
 */
export class Group {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  private rebalanceTimer: NodeJS.Timeout | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private initialDelayPending = false;

  constructor(
    readonly id: string,
    private readonly settings: GroupSettings,
  ) {}

  join(request: JoinRequest): Promise<JoinResult> | JoinResult {
    const others = [...this.members.values()].filter((member) => member.id !== request.memberId);
    if (others.length > 0) {
      const incompatible =
        request.protocolType !== this.protocolType ||
        commonProtocols([request, ...others]).length === 0;
      if (incompatible) return joinFailure(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, request.memberId);
    }
    const member = this.admit(request);
    if (!member) return joinFailure(ErrorCode.UNKNOWN_MEMBER_ID, request.memberId);
    return new Promise<JoinResult>((resolve) => {
      member.joinWaiter = resolve;
      if (this.state === 'PreparingRebalance') this.maybeCompleteJoin();
      else this.prepareRebalance(`${member.id} joined`);
    });
  }

  sync(
    memberId: string,
    generationId: number,
    assignments: Map<string, Buffer>,
  ): Promise<SyncResult> | SyncResult {
    const member = this.members.get(memberId);
    if (!member) return syncFailure(ErrorCode.UNKNOWN_MEMBER_ID);
    if (generationId !== this.generationId) return syncFailure(ErrorCode.ILLEGAL_GENERATION);
    if (this.state === 'PreparingRebalance') return syncFailure(ErrorCode.REBALANCE_IN_PROGRESS);
    if (this.state === 'Stable') {
      this.scheduleSessionTimeout(member);
      return { errorCode: ErrorCode.NONE, assignment: member.assignment };
    }
    return new Promise<SyncResult>((resolve) => {
      this.answerSync(member, syncFailure(ErrorCode.REBALANCE_IN_PROGRESS));
      this.pauseSession(member);
      member.syncWaiter = resolve;
      if (memberId === this.leaderId) this.completeSync(assignments);
    });
  }

  heartbeat(memberId: string, generationId: number): ErrorCode {
    const member = this.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (member.joinWaiter === undefined && member.syncWaiter === undefined)
      this.scheduleSessionTimeout(member);
    return this.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
  }

  leave(memberId: string): ErrorCode {
    const member = this.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.remove(member, 'left the group');
    return ErrorCode.NONE;
  }

  /** Whether an OffsetCommit from this member and generation may be stored (Kafka's rules). */
  checkCommit(memberId: string, generationId: number): ErrorCode {
    if (generationId < 0 && memberId === '' && this.state === 'Empty') return ErrorCode.NONE;
    if (this.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    const member = this.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (member.joinWaiter === undefined && member.syncWaiter === undefined)
      this.scheduleSessionTimeout(member);
    return ErrorCode.NONE;
  }

  shutdown(): void {
    this.clearTimers();
    for (const member of this.members.values()) {
      clearTimeout(member.sessionTimer);
      member.joinWaiter?.(joinFailure(ErrorCode.COORDINATOR_NOT_AVAILABLE, member.id));
      this.answerSync(member, syncFailure(ErrorCode.COORDINATOR_NOT_AVAILABLE));
      member.joinWaiter = undefined;
    }
  }

  private admit(request: JoinRequest): Member | undefined {
    const existing = this.members.get(request.memberId);
    if (request.memberId !== '' && !existing) return undefined;
    const member = existing ?? this.addMember(`${request.clientId}-${randomUUID()}`);
    member.groupInstanceId = request.groupInstanceId;
    member.clientId = request.clientId;
    member.clientHost = request.clientHost;
    member.sessionTimeoutMs = request.sessionTimeoutMs;
    member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
    member.protocols = request.protocols;
    this.protocolType = request.protocolType;
    // A repeated JoinGroup replaces the parked one.
    member.joinWaiter?.(joinFailure(ErrorCode.REBALANCE_IN_PROGRESS, member.id));
    member.joinWaiter = undefined;
    this.pauseSession(member);
    return member;
  }

  private addMember(id: string): Member {
    const member: Member = {
      id,
      groupInstanceId: null,
      clientId: '',
      clientHost: '',
      sessionTimeoutMs: 0,
      rebalanceTimeoutMs: 0,
      protocols: [],
      assignment: Buffer.alloc(0),
      joinWaiter: undefined,
      syncWaiter: undefined,
      sessionTimer: undefined,
    };
    this.members.set(id, member);
    return member;
  }

  private prepareRebalance(reason: string): void {
    const wasEmpty = this.state === 'Empty';
    for (const member of this.members.values())
      this.answerSync(member, syncFailure(ErrorCode.REBALANCE_IN_PROGRESS));
    this.clearTimers();
    this.state = 'PreparingRebalance';
    this.settings.logger.info('group rebalancing', { group: this.id, reason });
    const delay = this.settings.initialRebalanceDelayMs;
    if (wasEmpty && delay > 0) {
      this.initialDelayPending = true;
      this.rebalanceTimer = setTimeout(
        () => {
          this.initialDelayPending = false;
          this.completeJoin();
        },
        Math.min(delay, this.maxRebalanceTimeout()),
      );
      return;
    }
    this.rebalanceTimer = setTimeout(() => {
      this.completeJoin();
    }, this.maxRebalanceTimeout());
    this.maybeCompleteJoin();
  }

  private maybeCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance' || this.initialDelayPending) return;
    if ([...this.members.values()].every((member) => member.joinWaiter !== undefined))
      this.completeJoin();
  }

  private completeJoin(): void {
    this.clearTimers();
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
    const protocolName = chooseProtocol(members);
    this.protocolName = protocolName;
    if (this.leaderId === null || !this.members.has(this.leaderId)) this.leaderId = firstMember.id;
    const leaderId = this.leaderId;
    this.state = 'CompletingRebalance';
    const everyone = members.map((member) => ({
      memberId: member.id,
      groupInstanceId: member.groupInstanceId,
      metadata: metadataFor(member, protocolName),
    }));
    for (const member of members) {
      const answer = member.joinWaiter;
      member.joinWaiter = undefined;
      this.scheduleSessionTimeout(member);
      answer?.({
        errorCode: ErrorCode.NONE,
        generationId: this.generationId,
        protocolName,
        leaderId,
        memberId: member.id,
        members: member.id === leaderId ? everyone : [],
      });
    }
    this.settings.logger.info('group formed', {
      group: this.id,
      generation: this.generationId,
      members: members.length,
    });
    const generation = this.generationId;
    this.syncTimer = setTimeout(() => {
      this.expireSync(generation);
    }, this.maxRebalanceTimeout());
  }

  private completeSync(assignments: Map<string, Buffer>): void {
    clearTimeout(this.syncTimer);
    this.state = 'Stable';
    for (const member of this.members.values()) {
      member.assignment = assignments.get(member.id) ?? Buffer.alloc(0);
      if (member.syncWaiter) {
        this.answerSync(member, { errorCode: ErrorCode.NONE, assignment: member.assignment });
        this.scheduleSessionTimeout(member);
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

  private remove(member: Member, reason: string): void {
    this.forget(member, reason);
    this.afterMembershipChange(`${member.id} ${reason}`);
  }

  private forget(member: Member, reason: string): void {
    clearTimeout(member.sessionTimer);
    member.joinWaiter?.(joinFailure(ErrorCode.UNKNOWN_MEMBER_ID, member.id));
    this.answerSync(member, syncFailure(ErrorCode.UNKNOWN_MEMBER_ID));
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
    this.clearTimers();
    this.state = 'Empty';
    // Kafka keeps the protocol type of an empty group; ListGroups still reports it.
    this.protocolName = null;
    this.leaderId = null;
  }

  private scheduleSessionTimeout(member: Member): void {
    clearTimeout(member.sessionTimer);
    member.sessionTimer = setTimeout(() => {
      this.remove(member, 'session timed out');
    }, member.sessionTimeoutMs);
  }

  private pauseSession(member: Member): void {
    clearTimeout(member.sessionTimer);
    member.sessionTimer = undefined;
  }

  private answerSync(member: Member, result: SyncResult): void {
    const answer = member.syncWaiter;
    member.syncWaiter = undefined;
    answer?.(result);
  }

  private maxRebalanceTimeout(): number {
    return Math.max(0, ...[...this.members.values()].map((member) => member.rebalanceTimeoutMs));
  }

  private clearTimers(): void {
    clearTimeout(this.rebalanceTimer);
    clearTimeout(this.syncTimer);
    this.initialDelayPending = false;
  }
}
