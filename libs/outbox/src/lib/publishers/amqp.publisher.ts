import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { OutboxMessage } from '../outbox-message.js';
import type { OutboxPublisher } from './outbox-publisher.js';

export interface AmqpPublisherOptions {
  readonly url: string;
}

/** A confirmed publish that no queue was bound to receive: retried like any failure. */
export class UnroutableMessageError extends Error {
  constructor(exchange: string, routingKey: string) {
    super(`no queue is bound to exchange "${exchange}" with routing key "${routingKey}"`);
    this.name = 'UnroutableMessageError';
  }
}

interface ConfirmSession {
  readonly model: ChannelModel;
  readonly channel: ConfirmChannel;
  readonly returned: Set<string>;
}

/**
 * Publishes rows to the exchange and routing key each names, on a confirm channel: persistent,
 * mandatory, `messageId` = the CloudEvent id, structured-mode content type,
 * headers from the row. Resolves on the broker's ack; a nack, a return
 * (unroutable) or a lost connection rejects.
 */
export class AmqpPublisher implements OutboxPublisher {
  private session: Promise<ConfirmSession> | undefined;

  constructor(private readonly options: AmqpPublisherOptions) {}

  async publish(message: OutboxMessage): Promise<void> {
    const { destination } = message;
    if (destination.transport !== 'AMQP') throw new Error('AmqpPublisher got a Kafka row');
    const { exchange, routingKey } = destination;
    const { channel, returned } = await this.open();
    const messageId = message.payload.id;
    await new Promise<void>((resolve, reject) => {
      channel.publish(
        exchange,
        routingKey,
        Buffer.from(JSON.stringify(message.payload)),
        {
          persistent: true,
          mandatory: true,
          messageId,
          contentType: 'application/cloudevents+json',
          headers: message.headers,
        },
        (error: unknown) => {
          // The broker sends basic.return before the ack of the same message.
          const wasReturned = returned.delete(messageId);
          if (error)
            reject(error instanceof Error ? error : new Error('publish nacked by the broker'));
          else if (wasReturned) reject(new UnroutableMessageError(exchange, routingKey));
          else resolve();
        },
      );
    });
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    await session.then((s) => s.model.close()).catch(() => undefined);
  }

  private open(): Promise<ConfirmSession> {
    if (this.session) return this.session;
    // Only this session's own close may forget it, not a later one's.
    const forget = (): void => {
      if (this.session === session) this.session = undefined;
    };
    const session = this.connectSession(forget);
    session.catch(forget);
    this.session = session;
    return session;
  }

  private async connectSession(forget: () => void): Promise<ConfirmSession> {
    const model = await connect(this.options.url);
    // Without 'error' listeners a broker-side close would crash the process.
    model.on('error', forget);
    model.on('close', forget);
    const channel = await model.createConfirmChannel();
    const returned = new Set<string>();
    channel.on('return', (returnedMessage) => {
      const id: unknown = returnedMessage.properties.messageId;
      if (typeof id === 'string') returned.add(id);
    });
    channel.on('error', forget);
    channel.on('close', () => {
      forget();
      void model.close().catch(() => undefined);
    });
    return { model, channel, returned };
  }
}
