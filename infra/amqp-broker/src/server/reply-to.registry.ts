import { randomBytes } from 'node:crypto';
import type { Message } from '../model/message.js';
import type { Channel } from './channel.js';

export const REPLY_TO_QUEUE = 'amq.rabbitmq.reply-to';
const REPLY_TO_PREFIX = `${REPLY_TO_QUEUE}.`;

/**
 * Direct reply-to: a request's replyTo names the requesting channel itself,
 * so replies bypass queues entirely and reach only that channel.
 */
export class ReplyToRegistry {
  private readonly channels = new Map<string, Channel>();

  /** The name replies to `channel` are routed by. */
  register(channel: Channel): string {
    const name = `${REPLY_TO_PREFIX}${randomBytes(18).toString('base64url')}`;
    this.channels.set(name, channel);
    return name;
  }

  unregister(name: string): void {
    this.channels.delete(name);
  }

  isReplyKey(exchange: string, routingKey: string): boolean {
    return exchange === '' && routingKey.startsWith(REPLY_TO_PREFIX);
  }

  /**
   * Delivers a reply to the waiting channel, without a delivery tag of its own
   * and never acked; a reply to a requester that has gone away is dropped.
   */
  deliver(routingKey: string, message: Message): void {
    const channel = this.channels.get(routingKey);
    if (channel?.isOpen !== true || channel.replyTo === undefined) return;
    channel.connection.outbox.writer.method(channel.id, 'BasicDeliver', {
      consumerTag: channel.replyTo.consumerTag,
      deliveryTag: channel.nextDeliveryTag,
      redelivered: false,
      exchange: '',
      routingKey: message.routingKey,
    });
    channel.sendContent(message.properties, message.body);
  }
}
