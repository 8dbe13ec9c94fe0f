import type { MessageProperties } from '../codec/content-header.codec.js';
import type { QueueEntry } from '../model/message.js';
import type { Queue } from '../model/queue.js';

/**
 * The properties a consumer sees. Quorum queues add x-delivery-count once a
 * message has come back, or from the first delivery when a delivery limit is set.
 */
export function deliveryProperties(queue: Queue, entry: QueueEntry): MessageProperties {
  const properties = entry.message.properties;
  if (queue.args.type !== 'quorum') return properties;
  if (entry.deliveryCount === 0 && queue.args.deliveryLimit === undefined) return properties;
  const headers = new Map(properties.headers ?? []);
  headers.set('x-delivery-count', { tag: 'l', value: entry.deliveryCount });
  return { ...properties, headers };
}
