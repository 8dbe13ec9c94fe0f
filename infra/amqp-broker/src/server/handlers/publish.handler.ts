import type { MessageProperties } from '../../codec/content-header.codec.js';
import type { MethodArgs } from '../../codec/method-definitions.js';
import { accessRefused, AmqpError, precondition, ReplyCode } from '../../model/amqp-error.js';
import { isPersistent, type Message } from '../../model/message.js';
import type { Channel } from '../channel.js';
import { REPLY_TO_QUEUE } from '../reply-to.registry.js';

/** Routes a fully received message, then returns it (mandatory) and confirms it. */
export function completePublish(
  channel: Channel,
  args: MethodArgs<'BasicPublish'>,
  properties: MessageProperties,
  body: Buffer,
): void {
  const { vhost, replyTo } = channel.connection.context;
  if (args.immediate) throw new AmqpError(ReplyCode.notImplemented, 'immediate=true');
  channel.connection.permissions.check('write', 'exchange', args.exchange);
  const exchange = vhost.exchanges.get(args.exchange);
  if (exchange.options.internal)
    throw accessRefused(`cannot publish to internal exchange '${args.exchange}' in vhost '/'`);
  assertValidExpiration(properties.expiration);
  const sequence = channel.confirms.enabled ? channel.confirms.next() : 0;
  const message: Message = {
    exchange: args.exchange,
    routingKey: args.routingKey,
    properties: withReplyTo(channel, properties),
    body,
  };

  if (replyTo.isReplyKey(args.exchange, args.routingKey)) {
    // A reply to a requester that has gone away is dropped, yet confirmed.
    replyTo.deliver(args.routingKey, message);
    if (sequence > 0) channel.confirms.ack(sequence);
    return;
  }
  const queues = vhost.route(args.exchange, args.routingKey);
  const outcome = vhost.publish(message, queues);
  if (!outcome.routed && args.mandatory) {
    channel.connection.outbox.writer.method(channel.id, 'BasicReturn', {
      replyCode: ReplyCode.noRoute,
      replyText: 'NO_ROUTE',
      exchange: args.exchange,
      routingKey: args.routingKey,
    });
    channel.sendContent(properties, body);
  }
  if (sequence === 0) return;
  const { durability } = channel.connection.context;
  if (outcome.rejected) channel.confirms.nack(sequence);
  // As RabbitMQ: a persistent message in a durable queue is confirmed once it is on disk.
  else if (durability !== undefined && isPersistent(message) && queues.some((q) => q.flags.durable))
    channel.confirms.ackOnceWritten(sequence, durability);
  else channel.confirms.ack(sequence);
}

function withReplyTo(channel: Channel, properties: MessageProperties): MessageProperties {
  if (properties.replyTo !== REPLY_TO_QUEUE) return properties;
  if (channel.replyTo === undefined) throw precondition('fast reply consumer does not exist');
  return { ...properties, replyTo: channel.replyTo.name };
}

function assertValidExpiration(expiration: string | undefined): void {
  if (expiration === undefined) return;
  if (!/^\d+$/.test(expiration)) throw precondition(`invalid expiration '${expiration}'`);
}
