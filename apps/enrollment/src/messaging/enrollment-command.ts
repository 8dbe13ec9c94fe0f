import { messageKindOfType, parseEvent, type RejectionCode, type ShopEvent } from '@shop/contracts';

/** The commands enrollment's queue carries; each consumer dispatches on the CloudEvent `type`. */
export const commandKinds = ['enrollment.grant-seat.v1', 'enrollment.cancel-grant.v1'] as const;
export type CommandKind = (typeof commandKinds)[number];

/** A validated command, tagged with its kind. */
export type EnrollmentCommand = {
  [K in CommandKind]: { readonly kind: K; readonly event: ShopEvent<K> };
}[CommandKind];

/** One handler per kind: what the use case answers (an outcome, or a `Refusal`). */
export type CommandHandlers = {
  readonly [K in CommandKind]: (command: ShopEvent<K>) => Promise<unknown>;
};

export type CommandParse =
  | { readonly ok: true; readonly command: EnrollmentCommand }
  | { readonly ok: false; readonly code: RejectionCode; readonly reason: string };

/**
 * Reads a command off the queue: its `type` picks the kind, whose contract
 * then validates it whole. Anything else — no type, another kind's type — is
 * judged as a grant-seat command, the queue's first kind, so the refusal
 * reads as it always did (`WRONG_TYPE`, `MALFORMED_JSON` …).
 */
export function parseCommand(content: Buffer): CommandParse {
  const kind = commandKindOf(content) ?? 'enrollment.grant-seat.v1';
  if (kind === 'enrollment.cancel-grant.v1') {
    const parsed = parseEvent(kind, content);
    return parsed.ok ? { ok: true, command: { kind, event: parsed.event } } : parsed;
  }
  const parsed = parseEvent(kind, content);
  return parsed.ok ? { ok: true, command: { kind, event: parsed.event } } : parsed;
}

/** Hands the command to the handler of its kind. */
export function dispatch(handlers: CommandHandlers, command: EnrollmentCommand): Promise<unknown> {
  switch (command.kind) {
    case 'enrollment.grant-seat.v1':
      return handlers[command.kind](command.event);
    case 'enrollment.cancel-grant.v1':
      return handlers[command.kind](command.event);
  }
}

function commandKindOf(content: Buffer): CommandKind | undefined {
  let type: unknown;
  try {
    type = (JSON.parse(content.toString('utf8')) as { type?: unknown } | null)?.type;
  } catch {
    return undefined;
  }
  const kind = typeof type === 'string' ? messageKindOfType(type) : undefined;
  return commandKinds.find((k) => k === kind);
}
