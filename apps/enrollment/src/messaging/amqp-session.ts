import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import type { ServiceLogger as Logger } from '../service-logger.js';
import { ConfirmedMover } from './confirmed-mover.js';
import { assertGrantSeatTopology, grantSeatRoute, type RetryPlan } from './grant-seat.topology.js';

export interface AmqpSessionOptions {
  readonly url: string;
  readonly prefetch: number;
  readonly retry: RetryPlan;
  readonly reconnectDelayMs: number;
  readonly logger: Logger;
  /** Called for each delivery; the mover belongs to the same connection. */
  readonly onMessage: (message: ConsumeMessage, mover: ConfirmedMover) => void;
}

interface Connected {
  readonly model: ChannelModel;
  readonly consumer: Channel;
  readonly mover: ConfirmedMover;
  consumerTag: string | undefined;
}

/**
 * One connection to the broker with a consuming channel (prefetch, manual
 * acks) and a confirm channel for moves; declares the topology on connect and
 * reconnects after a loss. Deliveries are acked on the channel they came on:
 * after a reconnect, an old delivery tag means nothing (its message is
 * redelivered by the broker anyway).
 */
export class AmqpSession {
  private current: Connected | undefined;
  private readonly channelOf = new WeakMap<ConsumeMessage, Channel>();
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: AmqpSessionOptions) {}

  /** Connects and starts consuming; on failure, keeps retrying in the background. */
  async open(): Promise<void> {
    try {
      const connected = await this.connect();
      if (this.stopped) await connected.model.close().catch(() => undefined);
      else this.current = connected;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'AMQP broker unavailable; retrying');
      this.scheduleReconnect();
    }
  }

  isConsuming(): boolean {
    return this.current?.consumerTag !== undefined;
  }

  ack(message: ConsumeMessage): void {
    this.settle(message, (channel) => {
      channel.ack(message);
    });
  }

  requeue(message: ConsumeMessage): void {
    this.settle(message, (channel) => {
      channel.nack(message, false, true);
    });
  }

  /** No new deliveries; the ones in hand may still be acked. */
  async stopConsuming(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const current = this.current;
    if (current?.consumerTag === undefined) return;
    const tag = current.consumerTag;
    current.consumerTag = undefined;
    await current.consumer.cancel(tag).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.stopConsuming();
    const current = this.current;
    this.current = undefined;
    await current?.model.close().catch(() => undefined);
  }

  private settle(message: ConsumeMessage, action: (channel: Channel) => void): void {
    const channel = this.channelOf.get(message);
    try {
      if (channel) action(channel);
    } catch (error) {
      // The channel closed meanwhile: the broker redelivers the message.
      this.options.logger.warn({ err: error }, 'could not settle a delivery on a closed channel');
    }
  }

  private async connect(): Promise<Connected> {
    const model = await connect(this.options.url);
    try {
      model.on('error', (error: unknown) => {
        this.options.logger.warn({ err: error }, 'AMQP connection error');
      });
      const setup = await model.createChannel();
      await assertGrantSeatTopology(setup, this.options.retry);
      await setup.close();
      const confirm = await model.createConfirmChannel();
      const consumer = await model.createChannel();
      await consumer.prefetch(this.options.prefetch);
      const connected: Connected = {
        model,
        consumer,
        mover: new ConfirmedMover(confirm),
        consumerTag: undefined,
      };
      // Losing either channel means losing the session: start over cleanly.
      for (const channel of [confirm, consumer]) {
        channel.on('error', () => undefined);
        channel.on('close', () => void model.close().catch(() => undefined));
      }
      model.on('close', () => {
        this.onLost(connected);
      });
      const { consumerTag } = await consumer.consume(grantSeatRoute.queue, (message) => {
        // null: the broker cancelled us (queue deleted); reconnecting re-declares it.
        if (message === null) return void model.close().catch(() => undefined);
        this.channelOf.set(message, consumer);
        this.options.onMessage(message, connected.mover);
      });
      connected.consumerTag = consumerTag;
      return connected;
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
  }

  private onLost(lost: Connected): void {
    if (this.current !== lost) return;
    this.current = undefined;
    if (this.stopped) return;
    this.options.logger.warn('AMQP connection lost; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.reconnectTimer = setTimeout(() => void this.open(), this.options.reconnectDelayMs);
  }
}
