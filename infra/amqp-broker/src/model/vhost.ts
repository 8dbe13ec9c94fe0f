import { randomBytes } from 'node:crypto';
import type { FieldTable } from '../codec/field-table.codec.js';
import {
  accessRefused,
  AmqpError,
  notFound,
  notImplemented,
  precondition,
  ReplyCode,
} from './amqp-error.js';
import { deadLetteredMessage, isDeadLetterCycle } from './dead-letter.js';
import type { Binding, Destination } from './exchange.js';
import { assertNotDefault, Exchanges } from './exchanges.js';
import type { Message, QueueEntry } from './message.js';
import {
  assertEquivalentArguments,
  parseQueueArguments,
  type QueueFlags,
} from './queue-arguments.js';
import { Queue, type DeathReason, type QueueHost } from './queue.js';

export interface QueueDeclaration {
  readonly name: string;
  readonly passive: boolean;
  readonly flags: QueueFlags;
  readonly arguments: FieldTable;
  readonly connectionId: number;
}

/** What became of a published message. */
export interface PublishOutcome {
  readonly routed: boolean;
  // A queue with x-overflow reject-publish refused it: the publisher gets a nack.
  readonly rejected: boolean;
}

/** The single virtual host '/': its exchanges, queues and bindings. */
export class Vhost implements QueueHost {
  readonly exchanges = new Exchanges();
  readonly queues = new Map<string, Queue>();
  /** Called after any change a durable store may want to record. */
  onChange: () => void = () => undefined;

  declareQueue(d: QueueDeclaration): Queue {
    if (d.passive) return this.queue(d.name, d.connectionId);
    if (d.name.startsWith('amq.'))
      throw accessRefused(`queue name '${d.name}' contains reserved prefix 'amq.*'`);
    const name =
      d.name === '' ? `amq.gen-${randomBytes(16).toString('base64url').slice(0, 22)}` : d.name;
    const existing = this.queues.get(name);
    if (existing !== undefined) {
      this.assertAccess(existing, d.connectionId, d.flags.exclusive);
      for (const [field, wire] of [
        ['durable', 'durable'],
        ['autoDelete', 'auto_delete'],
      ] as const) {
        if (existing.flags[field] !== d.flags[field])
          throw precondition(`inequivalent arg '${wire}' for queue '${name}' in vhost '/'`);
      }
      assertEquivalentArguments(name, existing.rawArguments, d.arguments);
      return existing;
    }
    const args = parseQueueArguments(name, d.arguments, d.flags);
    const owner = d.flags.exclusive ? d.connectionId : undefined;
    const queue = new Queue(name, d.flags, args, d.arguments, owner, this);
    this.queues.set(name, queue);
    this.changed(queue.flags.durable);
    return queue;
  }

  /** A queue this connection may use: 404 when missing, 405 when another connection owns it. */
  queue(name: string, connectionId: number): Queue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw notFound(`queue '${name}'`);
    this.assertAccess(queue, connectionId);
    return queue;
  }

  deleteQueue(name: string, connectionId: number, ifUnused: boolean, ifEmpty: boolean): number {
    const queue = this.queues.get(name);
    if (queue === undefined) return 0;
    this.assertAccess(queue, connectionId);
    if (ifUnused && queue.consumers.length > 0)
      throw precondition(`queue '${name}' in vhost '/' in use`);
    if (ifEmpty && queue.messageCount > 0)
      throw precondition(`queue '${name}' in vhost '/' not empty`);
    return this.removeQueue(queue);
  }

  removeQueue(queue: Queue): number {
    if (this.queues.get(queue.name) !== queue) return 0;
    this.queues.delete(queue.name);
    this.exchanges.unbindEverywhere({ kind: 'queue', name: queue.name });
    this.changed(queue.flags.durable);
    return queue.destroy();
  }

  /** The owner of exclusive queues went away. */
  connectionClosed(connectionId: number): void {
    for (const queue of [...this.queues.values()])
      if (queue.ownerId === connectionId) this.removeQueue(queue);
  }

  bind(
    source: string,
    destination: Destination,
    routingKey: string,
    args: FieldTable,
    connectionId: number,
  ): void {
    const binding = this.checkBinding(source, destination, args, routingKey, connectionId);
    const exchange = this.exchanges.get(source);
    if (exchange.options.type === 'headers') throw notImplemented('headers exchange routing');
    exchange.bind(binding);
    this.changed(true);
  }

  unbind(
    source: string,
    destination: Destination,
    routingKey: string,
    args: FieldTable,
    connectionId: number,
  ): void {
    const binding = this.checkBinding(source, destination, args, routingKey, connectionId);
    const exchange = this.exchanges.get(source);
    if (exchange.unbind(binding)) this.exchanges.deleteIfUnusedAutoDelete(exchange);
    this.changed(true);
  }

  private checkBinding(
    source: string,
    destination: Destination,
    args: FieldTable,
    routingKey: string,
    connectionId: number,
  ): Binding {
    assertNotDefault(source);
    if (destination.kind === 'exchange') assertNotDefault(destination.name);
    this.exchanges.get(source);
    if (destination.kind === 'queue') this.queue(destination.name, connectionId);
    else this.exchanges.get(destination.name);
    return { destination, routingKey, arguments: args };
  }

  /** The queues a message published to `exchangeName` reaches, each once. */
  route(exchangeName: string, routingKey: string): Queue[] {
    const exchange = this.exchanges.get(exchangeName);
    if (exchangeName === '') {
      const queue = this.queues.get(routingKey);
      return queue === undefined ? [] : [queue];
    }
    const queues = new Set<Queue>();
    const seen = new Set<string>();
    const visit = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const d of this.exchanges.find(name)?.route(routingKey) ?? []) {
        if (d.kind === 'exchange') visit(d.name);
        else {
          const queue = this.queues.get(d.name);
          if (queue !== undefined) queues.add(queue);
        }
      }
    };
    visit(exchange.name);
    return [...queues];
  }

  publish(message: Message, queues: readonly Queue[]): PublishOutcome {
    let rejected = false;
    const now = Date.now();
    for (const queue of queues) if (!queue.enqueue(message, now)) rejected = true;
    return { routed: queues.length > 0, rejected };
  }

  deadLetter(queue: Queue, entry: QueueEntry, reason: DeathReason): void {
    const exchange = queue.args.deadLetterExchange;
    if (exchange === undefined || this.exchanges.find(exchange) === undefined) return;
    const message = deadLetteredMessage(
      entry.message,
      queue.name,
      reason,
      exchange,
      queue.args.deadLetterRoutingKey,
    );
    const targets = this.route(exchange, message.routingKey).filter(
      (target) => reason === 'rejected' || !isDeadLetterCycle(message, target.name),
    );
    this.publish(message, targets);
  }

  touched(queue: Queue): void {
    this.changed(queue.flags.durable);
  }

  expireQueue(queue: Queue): void {
    if (queue.consumers.length === 0) this.removeQueue(queue);
  }

  private assertAccess(queue: Queue, connectionId: number, wantsExclusive?: boolean): void {
    const lockedByOther = queue.ownerId !== undefined && queue.ownerId !== connectionId;
    const exclusiveMismatch =
      wantsExclusive !== undefined && wantsExclusive !== (queue.ownerId !== undefined);
    if (lockedByOther || exclusiveMismatch) {
      throw new AmqpError(
        ReplyCode.resourceLocked,
        `cannot obtain exclusive access to locked queue '${queue.name}' in vhost '/'`,
      );
    }
  }

  private changed(durable: boolean): void {
    if (durable) this.onChange();
  }
}
