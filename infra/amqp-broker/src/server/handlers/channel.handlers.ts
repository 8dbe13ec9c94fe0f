import type { MethodArgs } from '../../codec/method-definitions.js';
import { notImplemented } from '../../model/amqp-error.js';
import type { Channel } from '../channel.js';

export function channelClose(channel: Channel): void {
  channel.connection.send(channel.id, 'ChannelCloseOk', {});
  channel.close();
}

export function confirmSelect(channel: Channel, args: MethodArgs<'ConfirmSelect'>): void {
  channel.confirms.enabled = true;
  if (!args.nowait) channel.connection.send(channel.id, 'ConfirmSelectOk', {});
}

export function unsupported(name: string): () => never {
  return () => {
    throw notImplemented(name);
  };
}
