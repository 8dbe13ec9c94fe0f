import type { ErrorCode } from '../protocol/error-codes.js';

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

export function joinFailure(errorCode: ErrorCode, memberId: string): JoinResult {
  return { errorCode, generationId: -1, protocolName: '', leaderId: '', memberId, members: [] };
}

export function syncFailure(errorCode: ErrorCode): SyncResult {
  return { errorCode, assignment: Buffer.alloc(0) };
}

/** Protocols every one of `members` supports, in the order of the first member's preference. */
export function commonProtocols(members: readonly Pick<Member, 'protocols'>[]): string[] {
  const [first, ...rest] = members;
  if (!first) return [];
  return first.protocols
    .map((protocol) => protocol.name)
    .filter((name) =>
      rest.every((member) => member.protocols.some((protocol) => protocol.name === name)),
    );
}

// As Kafka does: each member votes for its most preferred common protocol.
export function chooseProtocol(members: readonly Member[]): string {
  const candidates = commonProtocols(members);
  const votes = new Map<string, number>(candidates.map((name) => [name, 0]));
  for (const member of members) {
    const choice = member.protocols.find((protocol) => votes.has(protocol.name));
    if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
  }
  let best = candidates[0] ?? '';
  for (const [name, count] of votes) if (count > (votes.get(best) ?? 0)) best = name;
  return best;
}

export function metadataFor(member: Member, protocolName: string): Buffer {
  return (
    member.protocols.find((protocol) => protocol.name === protocolName)?.metadata ?? Buffer.alloc(0)
  );
}
