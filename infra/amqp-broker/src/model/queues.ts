import { randomBytes } from 'node:crypto';
import type { FieldTable } from '../codec/field-table.codec.js';
import { accessRefused, AmqpError, notFound, precondition, ReplyCode } from './amqp-error.js';
import {
  assertEquivalentArguments,
  parseQueueArguments,
  type QueueFlags,
} from './queue-arguments.js';
import { Queue, type QueueHost } from './queue.js';

export interface QueueDeclaration {
  readonly name: string;
  readonly passive: boolean;
  readonly flags: QueueFlags;
  readonly arguments: FieldTable;
  readonly connectionId: number;
}

/** The queues of a virtual host and the rules for declaring and using them. */
export class Queues {
  private readonly byName = new Map<string, Queue>();

  all(): Iterable<Queue> {
    return this.byName.values();
  }

  find(name: string): Queue | undefined {
    return this.byName.get(name);
  }

  /** A queue this connection may use: 404 when missing, 405 when another connection owns it. */
  get(name: string, connectionId: number): Queue {
    const queue = this.byName.get(name);
    if (queue === undefined) throw notFound(`queue '${name}'`);
    assertAccess(queue, connectionId);
    return queue;
  }

  /** Declares a queue; `created` tells a new queue from an equivalent existing one. */
  declare(d: QueueDeclaration, host: QueueHost): { queue: Queue; created: boolean } {
    if (d.passive) return { queue: this.get(d.name, d.connectionId), created: false };
    if (d.name.startsWith('amq.'))
      throw accessRefused(`queue name '${d.name}' contains reserved prefix 'amq.*'`);
    const name =
      d.name === '' ? `amq.gen-${randomBytes(16).toString('base64url').slice(0, 22)}` : d.name;
    const existing = this.byName.get(name);
    if (existing !== undefined) {
      assertEquivalent(existing, d);
      return { queue: existing, created: false };
    }
    const args = parseQueueArguments(name, d.arguments, d.flags);
    const owner = d.flags.exclusive ? d.connectionId : undefined;
    const queue = new Queue(name, d.flags, args, d.arguments, owner, host);
    this.byName.set(name, queue);
    return { queue, created: true };
  }

  /** Takes the queue out of the registry; false when it was not (or no longer) there. */
  delete(queue: Queue): boolean {
    if (this.byName.get(queue.name) !== queue) return false;
    this.byName.delete(queue.name);
    return true;
  }

  /** The exclusive queues of a connection. */
  ownedBy(connectionId: number): Queue[] {
    return [...this.byName.values()].filter((queue) => queue.ownerId === connectionId);
  }
}

function assertEquivalent(existing: Queue, d: QueueDeclaration): void {
  assertAccess(existing, d.connectionId, d.flags.exclusive);
  for (const [field, wire] of [
    ['durable', 'durable'],
    ['autoDelete', 'auto_delete'],
  ] as const) {
    if (existing.flags[field] !== d.flags[field])
      throw precondition(`inequivalent arg '${wire}' for queue '${existing.name}' in vhost '/'`);
  }
  assertEquivalentArguments(existing.name, existing.rawArguments, d.arguments);
}

function assertAccess(queue: Queue, connectionId: number, wantsExclusive?: boolean): void {
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
