import type { MessageProperties } from '../codec/content-header.codec.js';

/** A published message as the broker keeps it: immutable once routed. */
export interface Message {
  readonly exchange: string;
  readonly routingKey: string;
  readonly properties: MessageProperties;
  readonly body: Buffer;
}

/** One message's place in one queue. */
export interface QueueEntry {
  readonly message: Message;
  // Enqueue order; classic queues put returned messages back at this position.
  readonly position: number;
  readonly expiresAt: number | undefined;
  redelivered: boolean;
  // Quorum queues count returns (x-delivery-count).
  deliveryCount: number;
}

export function isPersistent(message: Message): boolean {
  return message.properties.deliveryMode === 2;
}
