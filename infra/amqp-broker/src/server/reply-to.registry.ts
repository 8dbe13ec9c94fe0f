import { randomBytes } from 'node:crypto';
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

  /** The waiting channel, or undefined when the requester is gone (the reply is dropped). */
  find(routingKey: string): Channel | undefined {
    return this.channels.get(routingKey);
  }
}
