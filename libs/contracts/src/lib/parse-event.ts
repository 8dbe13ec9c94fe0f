import { CloudEvent } from 'cloudevents';
import { asShopEvent, type ShopEvent } from './create-event.js';
import { describeEnvelopeError } from './envelope-error.js';
import { envelopeProblem, shopAttributes } from './event-invariants.js';
import { validateData } from './event-schemas.js';
import { messageKinds, type MessageKind } from './message-kinds.js';

/** Why a message was refused; a stable code for metrics, next to the human reason. */
export type RejectionCode =
  'MALFORMED_JSON' | 'NOT_A_CLOUDEVENT' | 'INVALID_ENVELOPE' | 'WRONG_TYPE' | 'INVALID_DATA';

export type ParseResult<K extends MessageKind> =
  | { readonly ok: true; readonly event: ShopEvent<K> }
  | { readonly ok: false; readonly code: RejectionCode; readonly reason: string };

/**
 * Reads a structured-mode CloudEvent of the given kind from a message body and
 * validates it: envelope, `type`, then `data` against the kind's schema. Never
 * throws: a consumer dead-letters the message with `reason` instead.
 */
export function parseEvent<K extends MessageKind>(
  kind: K,
  raw: Buffer | string | object,
): ParseResult<K> {
  try {
    return parseUnsafe(kind, raw);
  } catch (error) {
    // Hostile objects (throwing getters, proxies) must not crash the consumer either.
    return reject('NOT_A_CLOUDEVENT', `unreadable message: ${describeEnvelopeError(error)}`);
  }
}

function parseUnsafe<K extends MessageKind>(
  kind: K,
  raw: Buffer | string | object,
): ParseResult<K> {
  const body = typeof raw === 'string' || Buffer.isBuffer(raw) ? parseJson(raw) : { value: raw };
  if ('error' in body) return reject('MALFORMED_JSON', `malformed JSON: ${body.error}`);
  const attributes = body.value;
  if (!isPlainObject(attributes))
    return reject('NOT_A_CLOUDEVENT', 'not a CloudEvent: not a JSON object');
  if (attributes.specversion !== '1.0') {
    return reject('NOT_A_CLOUDEVENT', 'not a CloudEvent: specversion must be "1.0"');
  }
  const missing = shopAttributes.filter((name) => !isNonEmptyString(attributes[name]));
  if (missing.length > 0) {
    return reject('INVALID_ENVELOPE', `missing or empty attribute(s): ${missing.join(', ')}`);
  }
  const envelope = envelopeProblem(attributes);
  if (envelope !== undefined) return reject('INVALID_ENVELOPE', envelope);
  const expectedType = messageKinds[kind].type;
  if (attributes.type !== expectedType) {
    return reject('WRONG_TYPE', `expected type ${expectedType}, got ${String(attributes.type)}`);
  }
  const contentType = attributes.datacontenttype;
  if (contentType !== undefined && contentType !== 'application/json') {
    return reject(
      'INVALID_ENVELOPE',
      `datacontenttype must be application/json, got ${JSON.stringify(contentType)}`,
    );
  }
  const data = validateData(kind, attributes.data);
  if (!data.ok) return reject('INVALID_DATA', `invalid data: ${data.reason}`);
  const commandId = (data.data as { commandId?: unknown }).commandId;
  if (commandId !== undefined && commandId !== attributes.id) {
    return reject('INVALID_ENVELOPE', "a command's id must equal its data.commandId");
  }
  return checkAgainstSpec<K>(attributes);
}

// The cloudevents package checks what is left of the spec (attribute names, URI, time format).
function checkAgainstSpec<K extends MessageKind>(
  attributes: Record<string, unknown>,
): ParseResult<K> {
  try {
    return { ok: true, event: asShopEvent<K>(new CloudEvent(attributes)) };
  } catch (error) {
    return reject('NOT_A_CLOUDEVENT', `not a CloudEvent: ${describeEnvelopeError(error)}`);
  }
}

function parseJson(raw: Buffer | string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8')) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function reject(
  code: RejectionCode,
  reason: string,
): { ok: false; code: RejectionCode; reason: string } {
  return { ok: false, code, reason };
}
