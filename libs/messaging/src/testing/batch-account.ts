import type { HostileMessage } from './hostile-messages.js';

/** What must become of one message: handled by the consumer, or dead-lettered (parked) once with a code. */
export type Verdict = 'accepted' | { readonly deadLetter: string };

/** One refused message as the DLQ or parking lot shows it. */
export interface Parked {
  readonly key: string;
  readonly code: string;
  readonly reason: string;
}

/**
 * The verdict most consumers owe a hostile message: refused by the contract →
 * dead-lettered with the contract's code; a contradiction of a message already
 * applied → CONTRADICTION; any other valid message → `otherwise` (accepted,
 * unless the consumer refuses what it does not know).
 */
export function contractVerdict(message: HostileMessage, otherwise: Verdict = 'accepted'): Verdict {
  if (!message.contract.ok) return { deadLetter: message.contract.code };
  return message.shape === 'contradiction' ? { deadLetter: 'CONTRADICTION' } : otherwise;
}

/** The event ids of the messages the contract accepts: what to look up in the consumer's inbox. */
export function eventIdsOf(messages: readonly HostileMessage[]): string[] {
  return messages.flatMap((m) => (m.contract.ok ? [m.contract.id] : []));
}

/** `accountFor`'s test of "handled": the message's event id is among `handledIds` (the inbox's). */
export function handledIn(handledIds: ReadonlySet<string>): (message: HostileMessage) => boolean {
  return (m) => m.contract.ok && handledIds.has(m.contract.id);
}

export interface BatchAccount {
  readonly sent: number;
  readonly accepted: number;
  readonly deadLettered: number;
  /** Messages whose fate differs from their verdict: lost, parked twice, parked with another code, or handled though refused. */
  readonly mismatches: readonly string[];
}

/** The account as one log line: `300 in = 120 handled + 180 dead-lettered`. */
export function describeAccount(account: BatchAccount, refusedAs = 'dead-lettered'): string {
  return `${account.sent} in = ${account.accepted} handled + ${account.deadLettered} ${refusedAs}`;
}

/**
 * Accounts for every message of a batch once the consumer is past it: each one
 * is either accepted (`isAccepted`) or parked exactly once with the code its
 * verdict names and a non-empty reason — never both, never neither, never
 * twice. count in = accepted + dead-lettered, or a mismatch names the message.
 */
export function accountFor(
  messages: readonly HostileMessage[],
  parked: readonly Parked[],
  verdictOf: (message: HostileMessage) => Verdict,
  isAccepted: (message: HostileMessage) => boolean,
): BatchAccount {
  const byKey = new Map<string, Parked[]>();
  for (const p of parked) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  const mismatches: string[] = [];
  let accepted = 0;
  let deadLettered = 0;
  for (const message of messages) {
    const verdict = verdictOf(message);
    const copies = byKey.get(message.key) ?? [];
    const handled = isAccepted(message);
    const what = `${message.key} (${message.shape}, ${JSON.stringify(verdict)})`;
    if (handled) accepted++;
    if (copies.length > 0) deadLettered++;
    if (handled && copies.length > 0) mismatches.push(`${what}: both handled and parked`);
    else if (copies.length > 1) mismatches.push(`${what}: parked ${copies.length} times`);
    else if (verdict === 'accepted' && !handled)
      mismatches.push(
        `${what}: not handled${copies[0] ? `, parked: ${copies[0].code} ${copies[0].reason}` : ''}`,
      );
    else if (verdict !== 'accepted' && copies.length === 0) mismatches.push(`${what}: lost`);
    else if (verdict !== 'accepted' && copies[0]?.code !== verdict.deadLetter)
      mismatches.push(`${what}: parked as ${copies[0]?.code}: ${copies[0]?.reason}`);
    else if (verdict !== 'accepted' && !copies[0]?.reason)
      mismatches.push(`${what}: parked without a reason`);
  }
  return { sent: messages.length, accepted, deadLettered, mismatches };
}
