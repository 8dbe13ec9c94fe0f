import type { Member } from './group-member.js';

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
