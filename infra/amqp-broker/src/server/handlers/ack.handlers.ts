import type { MethodArgs } from '../../codec/method-definitions.js';
import { notImplemented } from '../../model/amqp-error.js';
import type { Channel } from '../channel.js';
import type { Unacked } from '../unacked-deliveries.js';

export function basicAck(channel: Channel, args: MethodArgs<'BasicAck'>): void {
  const deliveries = channel.unacked.take(args.deliveryTag, args.multiple);
  for (const { queue, entry } of deliveries) queue.settle(entry);
  settled(channel, deliveries);
}

export function basicNack(channel: Channel, args: MethodArgs<'BasicNack'>): void {
  giveBack(channel, channel.unacked.take(args.deliveryTag, args.multiple), args.requeue);
}

export function basicReject(channel: Channel, args: MethodArgs<'BasicReject'>): void {
  giveBack(channel, channel.unacked.take(args.deliveryTag, false), args.requeue);
}

export function basicRecover(channel: Channel, args: MethodArgs<'BasicRecover'>): void {
  if (!args.requeue) throw notImplemented('basic.recover with requeue=false');
  giveBack(channel, channel.unacked.takeAll(), true);
  channel.connection.send(channel.id, 'BasicRecoverOk', {});
}

/** Returns or dead-letters messages, then lets their queues dispatch again. */
export function giveBack(channel: Channel, deliveries: readonly Unacked[], requeue: boolean): void {
  for (const { queue, entry } of deliveries) {
    if (requeue) queue.requeue(entry);
    else queue.reject(entry);
  }
  settled(channel, deliveries);
}

// Freed prefetch room may let any queue this channel consumes from deliver again.
function settled(channel: Channel, deliveries: readonly Unacked[]): void {
  if (deliveries.length === 0) return;
  for (const consumer of channel.consumers.values()) consumer.queue.scheduleDispatch();
}
