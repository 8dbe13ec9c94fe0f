import { ErrorCode } from '../protocol/error-codes.js';
import { metadataFor } from './group-protocol.js';

export interface GroupProtocol {
  readonly name: string;
  readonly metadata: Buffer;
}

export interface JoinRequest {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly protocolType: string;
  readonly protocols: readonly GroupProtocol[];
}

export interface JoinResult {
  readonly errorCode: ErrorCode;
  readonly generationId: number;
  readonly protocolName: string;
  readonly leaderId: string;
  readonly memberId: string;
  /** Filled for the leader only: every member with its metadata for the chosen protocol. */
  readonly members: readonly {
    memberId: string;
    groupInstanceId: string | null;
    metadata: Buffer;
  }[];
}

export interface SyncResult {
  readonly errorCode: ErrorCode;
  readonly assignment: Buffer;
}

export interface Member {
  readonly id: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: readonly GroupProtocol[];
  assignment: Buffer;
  /** Set while the member's JoinGroup response is parked. */
  joinWaiter: ((result: JoinResult) => void) | undefined;
  /** Set while the member's SyncGroup response is parked. */
  syncWaiter: ((result: SyncResult) => void) | undefined;
  sessionTimer: NodeJS.Timeout | undefined;
}

export function newMember(id: string): Member {
  return {
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
}

/** Takes over what a (re)joining member says about itself. */
export function applyJoinRequest(member: Member, request: JoinRequest): void {
  member.groupInstanceId = request.groupInstanceId;
  member.clientId = request.clientId;
  member.clientHost = request.clientHost;
  member.sessionTimeoutMs = request.sessionTimeoutMs;
  member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
  member.protocols = request.protocols;
}

/** Sends the member's parked JoinGroup response, if it has one. */
export function answerJoin(member: Member, result: JoinResult): void {
  const answer = member.joinWaiter;
  member.joinWaiter = undefined;
  answer?.(result);
}

/** Sends the member's parked SyncGroup response, if it has one. */
export function answerSync(member: Member, result: SyncResult): void {
  const answer = member.syncWaiter;
  member.syncWaiter = undefined;
  answer?.(result);
}

export function isParked(member: Member): boolean {
  return member.joinWaiter !== undefined || member.syncWaiter !== undefined;
}

/** The JoinGroup answers of a new generation: only the leader learns who the members are. */
export function generationResults(
  members: readonly Member[],
  generationId: number,
  protocolName: string,
  leaderId: string,
): Map<Member, JoinResult> {
  const everyone = members.map((member) => ({
    memberId: member.id,
    groupInstanceId: member.groupInstanceId,
    metadata: metadataFor(member, protocolName),
  }));
  return new Map(
    members.map((member) => [
      member,
      {
        errorCode: ErrorCode.NONE,
        generationId,
        protocolName,
        leaderId,
        memberId: member.id,
        members: member.id === leaderId ? everyone : [],
      },
    ]),
  );
}

export function joinFailure(errorCode: ErrorCode, memberId: string): JoinResult {
  return { errorCode, generationId: -1, protocolName: '', leaderId: '', memberId, members: [] };
}

export function syncFailure(errorCode: ErrorCode): SyncResult {
  return { errorCode, assignment: Buffer.alloc(0) };
}
