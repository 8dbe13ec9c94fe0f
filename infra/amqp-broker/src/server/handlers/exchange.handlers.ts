import type { MethodArgs } from '../../codec/method-definitions.js';
import type { Channel } from '../channel.js';

export function exchangeDeclare(channel: Channel, args: MethodArgs<'ExchangeDeclare'>): void {
  const vhost = channel.connection.context.vhost;
  const created = vhost.exchanges.declare({
    name: args.exchange,
    type: args.type,
    passive: args.passive,
    options: {
      durable: args.durable,
      autoDelete: args.autoDelete,
      internal: args.internal,
      arguments: args.arguments,
    },
  });
  if (created?.options.durable === true) vhost.onChange();
  if (!args.nowait) channel.connection.send(channel.id, 'ExchangeDeclareOk', {});
}

export function exchangeDelete(channel: Channel, args: MethodArgs<'ExchangeDelete'>): void {
  const vhost = channel.connection.context.vhost;
  if (vhost.exchanges.delete(args.exchange, args.ifUnused)) vhost.onChange();
  if (!args.nowait) channel.connection.send(channel.id, 'ExchangeDeleteOk', {});
}

export function exchangeBind(channel: Channel, args: MethodArgs<'ExchangeBind'>): void {
  const { vhost } = channel.connection.context;
  vhost.bind(
    args.source,
    { kind: 'exchange', name: args.destination },
    args.routingKey,
    args.arguments,
    channel.connection.id,
  );
  if (!args.nowait) channel.connection.send(channel.id, 'ExchangeBindOk', {});
}

export function exchangeUnbind(channel: Channel, args: MethodArgs<'ExchangeUnbind'>): void {
  const { vhost } = channel.connection.context;
  vhost.unbind(
    args.source,
    { kind: 'exchange', name: args.destination },
    args.routingKey,
    args.arguments,
    channel.connection.id,
  );
  if (!args.nowait) channel.connection.send(channel.id, 'ExchangeUnbindOk', {});
}
