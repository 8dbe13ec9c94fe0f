import { randomBytes } from 'node:crypto';
import type { MethodArgs } from '../../codec/method-definitions.js';
import {
  accessRefused,
  AmqpError,
  notImplemented,
  precondition,
  ReplyCode,
} from '../../model/amqp-error.js';
import type { Channel } from '../channel.js';
import { ChannelConsumer } from '../channel-consumer.js';
import { deliveryProperties } from '../delivery-properties.js';
import { REPLY_TO_QUEUE } from '../reply-to.registry.js';

export function basicQos(channel: Channel, args: MethodArgs<'BasicQos'>): void {
  if (args.prefetchSize !== 0) throw notImplemented('prefetch_size!=0');
  if (args.global) channel.prefetchPerChannel = args.prefetchCount;
  else channel.prefetchPerConsumer = args.prefetchCount;
  channel.connection.send(channel.id, 'BasicQosOk', {});
  for (const consumer of channel.consumers.values()) consumer.queue.scheduleDispatch();
}

export function basicConsume(channel: Channel, args: MethodArgs<'BasicConsume'>): void {
  const consumerTag =
    args.consumerTag === ''
      ? `amq.ctag-${randomBytes(16).toString('base64url').slice(0, 22)}`
      : args.consumerTag;
  if (channel.consumers.has(consumerTag) || channel.replyTo?.consumerTag === consumerTag) {
    throw new AmqpError(ReplyCode.notAllowed, `attempt to reuse consumer tag '${consumerTag}'`);
  }
  if (args.queue === REPLY_TO_QUEUE) {
    consumeReplies(channel, args, consumerTag);
    return;
  }
  const name = args.queue === '' ? channel.lastDeclaredQueue : args.queue;
  channel.connection.permissions.check('read', 'queue', name);
  const queue = channel.connection.context.vhost.queues.get(name, channel.connection.id);
  if (queue.consumers.some((c) => c.exclusive) || (args.exclusive && queue.consumers.length > 0)) {
    throw accessRefused(`queue '${name}' in vhost '/' in exclusive use`);
  }
  const consumer = new ChannelConsumer(
    consumerTag,
    queue,
    args.noAck,
    args.exclusive,
    channel.prefetchPerConsumer,
    channel,
  );
  channel.consumers.set(consumerTag, consumer);
  if (!args.nowait) channel.connection.send(channel.id, 'BasicConsumeOk', { consumerTag });
  queue.addConsumer(consumer);
}

// Direct reply-to: a pseudo-queue whose consumer must not ack.
function consumeReplies(
  channel: Channel,
  args: MethodArgs<'BasicConsume'>,
  consumerTag: string,
): void {
  if (!args.noAck) throw precondition('reply consumer cannot acknowledge');
  if (channel.replyTo !== undefined) throw precondition('reply consumer already set');
  const name = channel.connection.context.replyTo.register(channel);
  channel.replyTo = { consumerTag, name };
  if (!args.nowait) channel.connection.send(channel.id, 'BasicConsumeOk', { consumerTag });
}

export function basicCancel(channel: Channel, args: MethodArgs<'BasicCancel'>): void {
  const consumer = channel.consumers.get(args.consumerTag);
  if (consumer !== undefined) {
    channel.consumers.delete(args.consumerTag);
    if (consumer.queue.removeConsumer(consumer))
      channel.connection.context.vhost.removeQueue(consumer.queue);
  } else if (channel.replyTo?.consumerTag === args.consumerTag) {
    channel.connection.context.replyTo.unregister(channel.replyTo.name);
    channel.replyTo = undefined;
  }
  if (!args.nowait)
    channel.connection.send(channel.id, 'BasicCancelOk', { consumerTag: args.consumerTag });
}

export function basicGet(channel: Channel, args: MethodArgs<'BasicGet'>): void {
  const name = args.queue === '' ? channel.lastDeclaredQueue : args.queue;
  channel.connection.permissions.check('read', 'queue', name);
  const queue = channel.connection.context.vhost.queues.get(name, channel.connection.id);
  const entry = queue.get();
  if (entry === undefined) {
    channel.connection.send(channel.id, 'BasicGetEmpty', { clusterId: '' });
    return;
  }
  const deliveryTag = channel.takeDeliveryTag();
  if (!args.noAck) {
    channel.unacked.add(deliveryTag, { queue, entry, consumer: undefined });
    queue.track(entry);
  }
  channel.connection.send(channel.id, 'BasicGetOk', {
    deliveryTag,
    redelivered: entry.redelivered,
    exchange: entry.message.exchange,
    routingKey: entry.message.routingKey,
    messageCount: queue.messageCount,
  });
  channel.sendContent(deliveryProperties(queue, entry), entry.message.body);
}
