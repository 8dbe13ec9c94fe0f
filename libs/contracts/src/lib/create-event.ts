import { CloudEvent, type CloudEventV1 } from 'cloudevents';
import { randomUUID } from 'node:crypto';
import { describeEnvelopeError } from './envelope-error.js';
import { envelopeProblem } from './event-invariants.js';
import { validateData } from './event-schemas.js';
import { messageKinds, type DataOf, type MessageKind } from './message-kinds.js';

/**
 * A message of the purchase flow: a CloudEvents 1.0 event whose `data` is the
 * kind's type, with the shop's required attributes (`subject`, `time`,
 * `correlationid`). `JSON.stringify(event)` is its structured-mode body.
 */
export type ShopEvent<K extends MessageKind> = CloudEventV1<DataOf<K>> & {
  readonly subject: string;
  readonly time: string;
  readonly data: DataOf<K>;
  readonly correlationid: string;
};

/** Structured-mode content type, for the `content-type` header on Kafka and AMQP. */
export const cloudEventContentType = 'application/cloudevents+json; charset=utf-8';

export interface CreateEventOptions {
  /** The business key, e.g. the order id; also the Kafka message key. */
  readonly subject: string;
  readonly correlationId: string;
  /** Defaults to a new UUID; a command's id is always its `commandId`. */
  readonly id?: string;
  /** Defaults to now. */
  readonly time?: Date;
}

/** Thrown by {@link createEvent} when a producer builds a message its own contract rejects. */
export class EventContractError extends Error {
  constructor(
    readonly kind: MessageKind,
    readonly reason: string,
  ) {
    super(`${kind}: ${reason}`);
    this.name = 'EventContractError';
  }
}

/**
 * Builds the CloudEvents envelope for one message and validates it — the
 * envelope against the CloudEvents spec, `data` against the kind's schema —
 * before returning it, so an invalid message never reaches an outbox.
 * @throws EventContractError
 */
export function createEvent<K extends MessageKind>(
  kind: K,
  data: DataOf<K>,
  options: CreateEventOptions,
): ShopEvent<K> {
  const validation = validateData(kind, data);
  if (!validation.ok) throw new EventContractError(kind, `invalid data: ${validation.reason}`);
  const definition = messageKinds[kind];
  const commandId = 'commandId' in data ? data.commandId : undefined;
  if (commandId !== undefined && options.id !== undefined && options.id !== commandId) {
    throw new EventContractError(kind, 'a command is identified by its commandId; omit id');
  }
  let event: CloudEvent<DataOf<K>>;
  try {
    event = new CloudEvent({
      specversion: '1.0',
      id: commandId ?? options.id ?? randomUUID(),
      source: `/shop/${definition.producer}`,
      type: definition.type,
      subject: options.subject,
      time: (options.time ?? new Date()).toISOString(),
      datacontenttype: 'application/json',
      correlationid: options.correlationId,
      data,
    });
  } catch (error) {
    throw new EventContractError(kind, `invalid envelope: ${describeEnvelopeError(error)}`);
  }
  const problem = envelopeProblem({ ...event.toJSON(), data: undefined });
  if (problem !== undefined) throw new EventContractError(kind, `invalid envelope: ${problem}`);
  return asShopEvent<K>(event);
}

// The package types extension attributes loosely: the one cast, for an event
// whose shop attributes and data were validated.
export function asShopEvent<K extends MessageKind>(event: CloudEvent<unknown>): ShopEvent<K> {
  return event as unknown as ShopEvent<K>;
}
