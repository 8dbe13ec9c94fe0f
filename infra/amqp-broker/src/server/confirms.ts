import type { Connection } from './connection.js';

/**
 * Publisher confirms of one channel. Acks are coalesced into one
 * `multiple=true` ack per write, as RabbitMQ does; a nack flushes the acks
 * before it so sequence numbers are confirmed in order.
 */
export class Confirms {
  enabled = false;
  private published = 0;
  private ackedUpTo = 0;
  private confirmedUpTo = 0;

  constructor(
    private readonly connection: Connection,
    private readonly channel: number,
  ) {}

  /** The sequence number of the next publish (call once per publish in confirm mode). */
  next(): number {
    return ++this.published;
  }

  ack(sequence: number): void {
    this.ackedUpTo = sequence;
    this.connection.outbox.onNextFlush(this.flush);
  }

  nack(sequence: number): void {
    this.flushUpTo(sequence - 1);
    this.connection.send(this.channel, 'BasicNack', {
      deliveryTag: sequence,
      multiple: false,
      requeue: false,
    });
    this.confirmedUpTo = sequence;
    this.ackedUpTo = Math.max(this.ackedUpTo, sequence);
  }

  private readonly flush = (): void => {
    this.flushUpTo(this.ackedUpTo);
  };

  private flushUpTo(sequence: number): void {
    if (sequence <= this.confirmedUpTo) return;
    const multiple = sequence > this.confirmedUpTo + 1;
    this.connection.outbox.writer.method(this.channel, 'BasicAck', {
      deliveryTag: sequence,
      multiple,
    });
    this.confirmedUpTo = sequence;
  }
}
