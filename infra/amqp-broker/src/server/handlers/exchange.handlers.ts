import type { MethodArgs } from '../../codec/method-definitions.js';
import type { ResourceKind } from '../../auth/access-control.js';
import type { Channel } from '../channel.js';

export function exchangeDeclare(channel: Channel, args: MethodArgs<'ExchangeDeclare'>): void {
  const vhost = channel.connection.context.vhost;
  if (!args.passive) channel.connection.permissions.check('configure', 'exchange', args.exchange);
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
  channel.connection.permissions.check('configure', 'exchange', args.exchange);
  if (vhost.exchanges.delete(args.exchange, args.ifUnused)) vhost.onChange();
  if (!args.nowait) channel.connection.send(channel.id, 'ExchangeDeleteOk', {});
}

export function exchangeBind(channel: Channel, args: MethodArgs<'ExchangeBind'>): void {
  const { vhost } = channel.connection.context;
  checkBindingAccess(channel, args.source, 'exchange', args.destination);
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
  checkBindingAccess(channel, args.source, 'exchange', args.destination);
  vhost.unbind(
    args.source,
    { kind: 'exchange', name: args.destination },
    args.routingKey,
    args.arguments,
    channel.connection.id,
  );
  if (!args.nowait) channel.connection.send(channel.id, 'ExchangeUnbindOk', {});
}

/** As RabbitMQ: write on the destination, read on the source exchange. */
export function checkBindingAccess(
  channel: Channel,
  source: string,
  kind: ResourceKind,
  destination: string,
): void {
  channel.connection.permissions.check('write', kind, destination);
  channel.connection.permissions.check('read', 'exchange', source);
}
