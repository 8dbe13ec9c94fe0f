import type { HostileMessage } from './hostile-messages.js';

/** What must become of one message: handled by the consumer, or dead-lettered (parked) once with a code. */
export type Verdict = 'accepted' | { readonly deadLetter: string };

/** One refused message as the DLQ or parking lot shows it. */
export interface Parked {
  readonly key: string;
  readonly code: string;
  readonly reason: string;
}

export interface BatchAccount {
  readonly sent: number;
  readonly accepted: number;
  readonly deadLettered: number;
  /** Messages whose fate differs from their verdict: lost, parked twice, parked with another code, or handled though refused. */
  readonly mismatches: readonly string[];
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
