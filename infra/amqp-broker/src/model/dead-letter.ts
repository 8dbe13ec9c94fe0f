import type { FieldTable, FieldValue } from '../codec/field-table.codec.js';
import type { MessageProperties } from '../codec/content-header.codec.js';
import type { Message } from './message.js';
import type { DeathReason } from './queue.js';

const str = (value: string): FieldValue => ({ tag: 'S', value });

/**
 * The message a queue dead-letters, as RabbitMQ builds it: an x-death entry
 * per {queue, reason}, the first death recorded once, `expiration` moved to
 * the x-death entry's `original-expiration`, headers sorted by key.
 */
export function deadLetteredMessage(
  message: Message,
  queueName: string,
  reason: DeathReason,
  deadLetterExchange: string,
  deadLetterRoutingKey: string | undefined,
  now = Date.now(),
): Message {
  const headers = new Map(message.properties.headers ?? []);
  headers.delete('x-delivery-count');
  const { expiration, ...properties } = message.properties;
  const death = { queueName, reason, now, expiration };
  headers.set('x-death', {
    tag: 'A',
    value: updatedDeaths(headers.get('x-death'), message, death),
  });
  const first: [string, string][] = [
    ['x-first-death-exchange', message.exchange],
    ['x-first-death-queue', queueName],
    ['x-first-death-reason', reason],
  ];
  for (const [key, value] of first) if (!headers.has(key)) headers.set(key, str(value));
  const sorted = new Map([...headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const next: MessageProperties = { ...properties, headers: sorted };
  return {
    exchange: deadLetterExchange,
    routingKey: deadLetterRoutingKey ?? message.routingKey,
    properties: next,
    body: message.body,
  };
}

interface Death {
  readonly queueName: string;
  readonly reason: DeathReason;
  readonly now: number;
  // The message's own TTL, which RabbitMQ keeps in the x-death entry.
  readonly expiration: string | undefined;
}

function updatedDeaths(
  current: FieldValue | undefined,
  message: Message,
  { queueName, reason, now, expiration }: Death,
): FieldValue[] {
  const deaths = current?.tag === 'A' ? [...current.value] : [];
  const index = deaths.findIndex(
    (d) =>
      d.tag === 'F' && text(d.value, 'queue') === queueName && text(d.value, 'reason') === reason,
  );
  const previous = deaths[index];
  if (index >= 0 && previous?.tag === 'F') {
    deaths.splice(index, 1);
    const entry = new Map(previous.value);
    const count = entry.get('count');
    entry.set('count', { tag: 'l', value: (count?.tag === 'l' ? count.value : 0) + 1 });
    return [{ tag: 'F', value: entry }, ...deaths];
  }
  const entry = new Map<string, FieldValue>([
    ['count', { tag: 'l', value: 1 }],
    ['reason', str(reason)],
    ['queue', str(queueName)],
    ['time', { tag: 'T', value: Math.floor(now / 1000) }],
    ['exchange', str(message.exchange)],
    ['routing-keys', { tag: 'A', value: [str(message.routingKey)] }],
  ]);
  if (expiration !== undefined) entry.set('original-expiration', str(expiration));
  return [{ tag: 'F', value: entry }, ...deaths];
}

function text(table: FieldTable, key: string): string | undefined {
  const value = table.get(key);
  return value?.tag === 'S' ? value.value : undefined;
}

/**
 * RabbitMQ drops a dead-lettered message for a queue it already died in,
 * unless one of the deaths since then was a client's reject.
 */
export function isDeadLetterCycle(message: Message, targetQueue: string): boolean {
  const deaths = message.properties.headers?.get('x-death');
  if (deaths?.tag !== 'A') return false;
  const at = deaths.value.findIndex((d) => d.tag === 'F' && text(d.value, 'queue') === targetQueue);
  if (at < 0) return false;
  return deaths.value
    .slice(0, at + 1)
    .every((d) => d.tag === 'F' && text(d.value, 'reason') !== 'rejected');
}
