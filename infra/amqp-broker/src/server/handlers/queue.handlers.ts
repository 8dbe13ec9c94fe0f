import type { MethodArgs } from '../../codec/method-definitions.js';
import type { Channel } from '../channel.js';
import { checkBindingAccess } from './exchange.handlers.js';

// '' names the queue this channel declared last, as in RabbitMQ.
function queueName(channel: Channel, name: string): string {
  return name === '' ? channel.lastDeclaredQueue : name;
}

export function queueDeclare(channel: Channel, args: MethodArgs<'QueueDeclare'>): void {
  const { vhost } = channel.connection.context;
  if (!args.passive) checkDeclareAccess(channel, args);
  const queue = vhost.declareQueue({
    name: args.passive ? queueName(channel, args.queue) : args.queue,
    passive: args.passive,
    flags: { durable: args.durable, exclusive: args.exclusive, autoDelete: args.autoDelete },
    arguments: args.arguments,
    connectionId: channel.connection.id,
  });
  channel.lastDeclaredQueue = queue.name;
  if (args.nowait) return;
  channel.connection.send(channel.id, 'QueueDeclareOk', {
    queue: queue.name,
    messageCount: queue.messageCount,
    consumerCount: queue.consumers.length,
  });
}

export function queueBind(channel: Channel, args: MethodArgs<'QueueBind'>): void {
  const { vhost } = channel.connection.context;
  const destination = { kind: 'queue', name: queueName(channel, args.queue) } as const;
  checkBindingAccess(channel, args.exchange, 'queue', destination.name);
  vhost.bind(args.exchange, destination, args.routingKey, args.arguments, channel.connection.id);
  if (!args.nowait) channel.connection.send(channel.id, 'QueueBindOk', {});
}

export function queueUnbind(channel: Channel, args: MethodArgs<'QueueUnbind'>): void {
  const { vhost } = channel.connection.context;
  const destination = { kind: 'queue', name: queueName(channel, args.queue) } as const;
  checkBindingAccess(channel, args.exchange, 'queue', destination.name);
  vhost.unbind(args.exchange, destination, args.routingKey, args.arguments, channel.connection.id);
  channel.connection.send(channel.id, 'QueueUnbindOk', {});
}

export function queuePurge(channel: Channel, args: MethodArgs<'QueuePurge'>): void {
  channel.connection.permissions.check('read', 'queue', queueName(channel, args.queue));
  const queue = channel.connection.context.vhost.queues.get(
    queueName(channel, args.queue),
    channel.connection.id,
  );
  const messageCount = queue.purge();
  if (!args.nowait) channel.connection.send(channel.id, 'QueuePurgeOk', { messageCount });
}

export function queueDelete(channel: Channel, args: MethodArgs<'QueueDelete'>): void {
  const { vhost } = channel.connection.context;
  const name = queueName(channel, args.queue);
  channel.connection.permissions.check('configure', 'queue', name);
  const messageCount = vhost.deleteQueue(name, channel.connection.id, args.ifUnused, args.ifEmpty);
  if (!args.nowait) channel.connection.send(channel.id, 'QueueDeleteOk', { messageCount });
}

// Configure on the queue; a new queue that dead-letters also needs read on
// itself and write on its dead-letter exchange, as RabbitMQ checks.
function checkDeclareAccess(channel: Channel, args: MethodArgs<'QueueDeclare'>): void {
  const { permissions, context } = channel.connection;
  if (args.queue === '') return;
  permissions.check('configure', 'queue', args.queue);
  const dlx = args.arguments.get('x-dead-letter-exchange');
  if (dlx?.tag !== 'S' || context.vhost.queues.find(args.queue) !== undefined) return;
  permissions.check('read', 'queue', args.queue);
  permissions.check('write', 'exchange', dlx.value);
}
