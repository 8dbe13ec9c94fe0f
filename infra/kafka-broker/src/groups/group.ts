import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/error-codes.js';
import {
  answerJoin,
  answerSync,
  applyJoinRequest,
  isParked,
  joinFailure,
  newMember,
  syncFailure,
  type JoinRequest,
  type JoinResult,
  type Member,
  type SyncResult,
} from './group-member.js';
import { commonProtocols } from './group-protocol.js';
import { GroupStateMachine } from './group-state-machine.js';
import { pauseSession } from './group-timers.js';

/**
 * One consumer group under the classic protocol: the requests of its members,
 * checked against the member id and generation, parked until the state
 * machine answers them.
 */
export class Group extends GroupStateMachine {
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
      this.restartSession(member);
      return { errorCode: ErrorCode.NONE, assignment: member.assignment };
    }
    return new Promise<SyncResult>((resolve) => {
      answerSync(member, syncFailure(ErrorCode.REBALANCE_IN_PROGRESS));
      pauseSession(member);
      member.syncWaiter = resolve;
      if (memberId === this.leaderId) this.completeSync(assignments);
    });
  }

  heartbeat(memberId: string, generationId: number): ErrorCode {
    const member = this.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (!isParked(member)) this.restartSession(member);
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
    if (!isParked(member)) this.restartSession(member);
    return ErrorCode.NONE;
  }

  shutdown(): void {
    this.timers.clear();
    for (const member of this.members.values()) {
      clearTimeout(member.sessionTimer);
      answerJoin(member, joinFailure(ErrorCode.COORDINATOR_NOT_AVAILABLE, member.id));
      answerSync(member, syncFailure(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    }
  }

  private admit(request: JoinRequest): Member | undefined {
    const existing = this.members.get(request.memberId);
    if (request.memberId !== '' && !existing) return undefined;
    const member = existing ?? this.enrol(`${request.clientId}-${randomUUID()}`);
    applyJoinRequest(member, request);
    this.protocolType = request.protocolType;
    // A repeated JoinGroup replaces the parked one.
    answerJoin(member, joinFailure(ErrorCode.REBALANCE_IN_PROGRESS, member.id));
    pauseSession(member);
    return member;
  }

  private enrol(id: string): Member {
    const member = newMember(id);
    this.members.set(id, member);
    return member;
  }
}
