import { isInteger, type FieldTable, type FieldValue } from '../codec/field-table.codec.js';
import { AmqpError, notImplemented, precondition, ReplyCode } from './amqp-error.js';
import { sameValue } from './field-table.compare.js';

export type QueueType = 'classic' | 'quorum';
export type Overflow = 'drop-head' | 'reject-publish';

/** The x-arguments of a queue, validated. */
export interface QueueArguments {
  readonly type: QueueType;
  readonly messageTtl: number | undefined;
  readonly expires: number | undefined;
  readonly maxLength: number | undefined;
  readonly overflow: Overflow;
  readonly deadLetterExchange: string | undefined;
  readonly deadLetterRoutingKey: string | undefined;
  readonly deliveryLimit: number | undefined;
}

export interface QueueFlags {
  readonly durable: boolean;
  readonly exclusive: boolean;
  readonly autoDelete: boolean;
}

// Arguments RabbitMQ compares on redeclare; any other key is ignored.
const equivalenceKeys = [
  'x-expires',
  'x-message-ttl',
  'x-dead-letter-exchange',
  'x-dead-letter-routing-key',
  'x-max-length',
  'x-max-length-bytes',
  'x-max-priority',
  'x-overflow',
  'x-queue-type',
  'x-delivery-limit',
  'x-single-active-consumer',
];

export function parseQueueArguments(
  name: string,
  args: FieldTable,
  flags: QueueFlags,
): QueueArguments {
  const type = stringArg(args, 'x-queue-type') ?? 'classic';
  if (type !== 'classic' && type !== 'quorum') {
    if (type === 'stream') throw notImplemented('stream queues');
    throw precondition(`invalid arg 'x-queue-type' for queue '${name}' in vhost '/': "${type}"`);
  }
  if (args.has('x-max-priority')) throw notImplemented('queue priorities (x-max-priority)');
  if (args.has('x-max-length-bytes')) throw notImplemented('x-max-length-bytes');
  const sac = args.get('x-single-active-consumer');
  if (sac?.tag === 't' && sac.value) throw notImplemented('single active consumer');
  const overflow = stringArg(args, 'x-overflow') ?? 'drop-head';
  if (overflow === 'reject-publish-dlx') throw notImplemented("x-overflow 'reject-publish-dlx'");
  if (overflow !== 'drop-head' && overflow !== 'reject-publish')
    throw invalidArg(name, 'x-overflow');
  const parsed: QueueArguments = {
    type,
    messageTtl: integerArg(name, args, 'x-message-ttl', 0),
    expires: integerArg(name, args, 'x-expires', 1),
    maxLength: integerArg(name, args, 'x-max-length', 0),
    overflow,
    deadLetterExchange: stringArg(args, 'x-dead-letter-exchange'),
    deadLetterRoutingKey: stringArg(args, 'x-dead-letter-routing-key'),
    deliveryLimit: integerArg(name, args, 'x-delivery-limit', 0),
  };
  if (parsed.deadLetterRoutingKey !== undefined && parsed.deadLetterExchange === undefined) {
    throw precondition("Key 'x-dead-letter-routing-key' requires 'x-dead-letter-exchange'");
  }
  if (type === 'quorum') assertQuorumFlags(name, flags);
  else if (parsed.deliveryLimit !== undefined) throw invalidArg(name, 'x-delivery-limit');
  return parsed;
}

function assertQuorumFlags(name: string, flags: QueueFlags): void {
  const invalid = !flags.durable
    ? 'non-durable'
    : flags.exclusive
      ? 'exclusive'
      : flags.autoDelete
        ? 'auto-delete'
        : '';
  if (invalid !== '')
    throw precondition(`invalid property '${invalid}' for queue '${name}' in vhost '/'`);
}

/** Throws 406 unless the known arguments of a redeclare equal the existing ones. */
export function assertEquivalentArguments(
  name: string,
  current: FieldTable,
  requested: FieldTable,
): void {
  for (const key of equivalenceKeys) {
    if (!sameValue(current.get(key), requested.get(key))) {
      throw precondition(`inequivalent arg '${key}' for queue '${name}' in vhost '/'`);
    }
  }
}

function stringArg(args: FieldTable, key: string): string | undefined {
  const value = args.get(key);
  if (value === undefined) return undefined;
  if (value.tag !== 'S') throw precondition(`invalid arg '${key}': expected a string`);
  return value.value;
}

function integerArg(name: string, args: FieldTable, key: string, min: number): number | undefined {
  const value: FieldValue | undefined = args.get(key);
  if (value === undefined) return undefined;
  if (!isInteger(value) || value.value < min) throw invalidArg(name, key);
  return value.value;
}

function invalidArg(name: string, key: string): AmqpError {
  return new AmqpError(
    ReplyCode.preconditionFailed,
    `invalid arg '${key}' for queue '${name}' in vhost '/'`,
  );
}
