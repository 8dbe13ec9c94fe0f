import type { Durability } from '../store/durable-store.js';
import type { Connection } from './connection.js';

interface PendingConfirm {
  readonly sequence: number;
  outcome: 'ack' | 'nack' | 'waiting';
}

/**
 * Publisher confirms of one channel. Acks are coalesced into one
 * `multiple=true` ack per write, as RabbitMQ does; a nack flushes the acks
 * before it so sequence numbers are confirmed in order. A persistent message
 * in a durable queue is confirmed only once it is on disk; the confirms after
 * it wait behind it, so `multiple` never covers a message not yet written.
 */
export class Confirms {
  enabled = false;
  private published = 0;
  private ackedUpTo = 0;
  private confirmedUpTo = 0;
  private readonly pending: PendingConfirm[] = [];
  private discarded = false;

  constructor(
    private readonly connection: Connection,
    private readonly channel: number,
  ) {}

  /** The sequence number of the next publish (call once per publish in confirm mode). */
  next(): number {
    return ++this.published;
  }

  ack(sequence: number): void {
    this.settle({ sequence, outcome: 'ack' });
  }

  nack(sequence: number): void {
    this.settle({ sequence, outcome: 'nack' });
  }

  /** Acks once `durability` has written the message (nacks if the write failed). */
  ackOnceWritten(sequence: number, durability: Durability): void {
    const entry: PendingConfirm = { sequence, outcome: 'waiting' };
    this.pending.push(entry);
    durability.afterWrite((written) => {
      entry.outcome = written ? 'ack' : 'nack';
      this.release();
    });
  }

  /** The channel closed: what still waits for the disk is never confirmed. */
  discard(): void {
    this.discarded = true;
    this.pending.length = 0;
  }

  private settle(entry: PendingConfirm): void {
    this.pending.push(entry);
    this.release();
  }

  private release(): void {
    if (this.discarded) return;
    for (let head = this.pending[0]; head !== undefined; head = this.pending[0]) {
      if (head.outcome === 'waiting') return;
      this.pending.shift();
      if (head.outcome === 'ack') this.ackNow(head.sequence);
      else this.nackNow(head.sequence);
    }
  }

  private ackNow(sequence: number): void {
    this.ackedUpTo = sequence;
    this.connection.outbox.onNextFlush(this.flush);
  }

  private nackNow(sequence: number): void {
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
