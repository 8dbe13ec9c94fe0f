import type { FieldTable } from '../codec/field-table.codec.js';
import { notImplemented, precondition } from './amqp-error.js';
import { deadLetteredMessage, isDeadLetterCycle } from './dead-letter.js';
import type { Binding, Destination } from './exchange.js';
import { assertNotDefault, Exchanges } from './exchanges.js';
import type { Message, QueueEntry } from './message.js';
import { type DeathReason, type Queue, type QueueHost } from './queue.js';
import { Queues, type QueueDeclaration } from './queues.js';
import { routeToQueues } from './routing.js';

/** What became of a published message. */
export interface PublishOutcome {
  readonly routed: boolean;
  // A queue with x-overflow reject-publish refused it: the publisher gets a nack.
  readonly rejected: boolean;
}

/** The single virtual host '/': its exchanges, queues and bindings. */
export class Vhost implements QueueHost {
  readonly exchanges = new Exchanges();
  readonly queues = new Queues();
  /** Called after any change a durable store may want to record. */
  onChange: () => void = () => undefined;

  declareQueue(d: QueueDeclaration): Queue {
    const { queue, created } = this.queues.declare(d, this);
    if (created) this.changed(queue.flags.durable);
    return queue;
  }

  deleteQueue(name: string, connectionId: number, ifUnused: boolean, ifEmpty: boolean): number {
    if (this.queues.find(name) === undefined) return 0;
    const queue = this.queues.get(name, connectionId);
    if (ifUnused && queue.consumers.length > 0)
      throw precondition(`queue '${name}' in vhost '/' in use`);
    if (ifEmpty && queue.messageCount > 0)
      throw precondition(`queue '${name}' in vhost '/' not empty`);
    return this.removeQueue(queue);
  }

  removeQueue(queue: Queue): number {
    if (!this.queues.delete(queue)) return 0;
    this.exchanges.unbindEverywhere({ kind: 'queue', name: queue.name });
    this.changed(queue.flags.durable);
    return queue.destroy();
  }

  /** The owner of exclusive queues went away. */
  connectionClosed(connectionId: number): void {
    for (const queue of this.queues.ownedBy(connectionId)) this.removeQueue(queue);
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
    if (destination.kind === 'queue') this.queues.get(destination.name, connectionId);
    else this.exchanges.get(destination.name);
    return { destination, routingKey, arguments: args };
  }

  /** The queues a message published to `exchangeName` reaches, each once. */
  route(exchangeName: string, routingKey: string): Queue[] {
    return routeToQueues(this.exchanges, this.queues, exchangeName, routingKey);
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

  private changed(durable: boolean): void {
    if (durable) this.onChange();
  }
}
