import type { Exchanges } from './exchanges.js';
import type { Queue } from './queue.js';
import type { Queues } from './queues.js';

/**
 * The queues a message published to `exchangeName` reaches, each once,
 * following exchange-to-exchange bindings; the default exchange '' routes to
 * the queue named by the routing key.
 */
export function routeToQueues(
  exchanges: Exchanges,
  queues: Queues,
  exchangeName: string,
  routingKey: string,
): Queue[] {
  const exchange = exchanges.get(exchangeName);
  if (exchangeName === '') {
    const queue = queues.find(routingKey);
    return queue === undefined ? [] : [queue];
  }
  const reached = new Set<Queue>();
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const d of exchanges.find(name)?.route(routingKey) ?? []) {
      if (d.kind === 'exchange') visit(d.name);
      else {
        const queue = queues.find(d.name);
        if (queue !== undefined) reached.add(queue);
      }
    }
  };
  visit(exchange.name);
  return [...reached];
}
