import { DeadLetterHeaders } from '@shop/contracts';
import type { ConfirmChannel, ConsumeMessage, Message, Options } from 'amqplib';
import { parkingQueue } from './grant-seat.topology.js';

/** Why a command was parked: a stable code and a human reason, both kept in its headers. */
export interface ParkingReason {
  readonly code: string;
  readonly reason: string;
}

// AMQP header values travel as long strings; keep them readable in a UI.
const MAX_REASON_LENGTH = 1000;

/**
 * Copies a message into another queue on a confirm channel and resolves only
 * once the broker has taken responsibility for the copy, so the original may
 * then be acked. Publishes are mandatory: a queue that vanished is an error,
 * not a silent drop. One publish at a time, so a `basic.return` belongs to the
 * publish in flight; moves are the rare path.
 */
export class ConfirmedMover {
  private chain: Promise<unknown> = Promise.resolve();
  private returned = false;

  constructor(private readonly channel: ConfirmChannel) {
    channel.on('return', () => {
      this.returned = true;
    });
  }

  /** Into the delay queue of the next attempt; headers (x-death included) travel along. */
  toRetryQueue(message: ConsumeMessage, retryQueue: string): Promise<void> {
    return this.send(retryQueue, message, message.properties.headers ?? {});
  }

  /** Into the parking lot, with the reason in `x-parking-reason` and `x-parking-code`. */
  toParking(message: ConsumeMessage, why: ParkingReason): Promise<void> {
    return this.send(parkingQueue, message, {
      ...message.properties.headers,
      [DeadLetterHeaders.parkingReason]: why.reason.slice(0, MAX_REASON_LENGTH),
      [DeadLetterHeaders.parkingCode]: why.code,
    });
  }

  /** Any message to any queue (the redrive), with the headers given. */
  send(queue: string, message: Message, headers: Readonly<Record<string, unknown>>): Promise<void> {
    const next = this.chain.then(() => this.publishOne(queue, message, headers));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private publishOne(queue: string, message: Message, headers: Readonly<Record<string, unknown>>) {
    this.returned = false;
    return new Promise<void>((resolve, reject) => {
      // Through the default exchange, whose routing key is the queue name.
      this.channel.publish(
        '',
        queue,
        message.content,
        { ...keptProperties(message), headers },
        (error: unknown) => {
          if (error)
            reject(error instanceof Error ? error : new Error(`publish to ${queue} nacked`));
          else if (this.returned) reject(new Error(`queue ${queue} does not exist`));
          else resolve();
        },
      );
    });
  }
}

function keptProperties(message: Message): Options.Publish {
  const p = message.properties;
  return {
    persistent: true,
    mandatory: true,
    contentType: p.contentType as string | undefined,
    contentEncoding: p.contentEncoding as string | undefined,
    messageId: p.messageId as string | undefined,
    correlationId: p.correlationId as string | undefined,
    timestamp: p.timestamp as number | undefined,
    type: p.type as string | undefined,
    appId: p.appId as string | undefined,
  };
}
