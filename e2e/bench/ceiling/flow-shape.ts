import { setTimeout as sleep } from 'node:timers/promises';
import { DEVELOPMENT_METRICS_TOKEN } from '@shop/platform';
import {
  drillServicePorts,
  scrapeServices,
  type Scrapes,
  type StackDescription,
} from '@shop/stack';
import { valueOf, type Sample } from '@shop/metrics';
import type { FlowCounter } from '../flow-counts.js';
import { placeOrders, settle } from '../order-load.js';

/** What one order asks of the engines and the wire, counted on the running stack. */
export interface FlowShape {
  readonly orders: number;
  /** Committed transactions across every service's database, background work included. */
  readonly commits: number;
  readonly kafkaPublished: number;
  /** Kafka messages handled by a consumer (one message, several groups: several deliveries). */
  readonly kafkaDeliveries: number;
  readonly amqpPublished: number;
  readonly amqpDeliveries: number;
  readonly grpcCalls: number;
  readonly httpRequests: number;
}

/**
 * Places orders at a low load (`connections` clients for `durationS`), waits
 * until every effect is done, and divides what the counters moved by the
 * orders paid: PostgreSQL's commit counts, and the services' own /metrics —
 * messages the outbox relays sent, messages each consumer handled, payment's
 * gRPC calls, checkout's `POST /v1/orders` answers.
 */
export async function measureFlowShape(
  stack: StackDescription,
  counter: FlowCounter,
  { connections, durationS }: { connections: number; durationS: number },
): Promise<FlowShape> {
  const url = `http://127.0.0.1:${stack.ports.CHECKOUT_PORT}`;
  const before = await counter.count();
  const commitsBefore = await counter.commits();
  const scrapesBefore = await scrape(stack);
  const run = await placeOrders(url, durationS, connections);
  await settle(counter, before, run.created);
  // PostgreSQL's statistics are flushed about once a second.
  await sleep(1_500);
  const orders = (await counter.count()).paid - before.paid;
  const commitsAfter = await counter.commits();
  const scrapesAfter = await scrape(stack);
  const moved = (name: string, labels: Record<string, string> = {}) =>
    sum(scrapesAfter, name, labels) - sum(scrapesBefore, name, labels);
  const per = (n: number) => n / Math.max(orders, 1);
  const sent = { shop_outbox_outcome: 'sent' };
  return {
    orders,
    commits: per([...commitsAfter].reduce((s, [db, n]) => s + n - (commitsBefore.get(db) ?? n), 0)),
    kafkaPublished: per(
      moved('shop_outbox_publishes_total', { ...sent, shop_outbox_transport: 'kafka' }),
    ),
    kafkaDeliveries: per(moved('messaging_process_duration_count', { messaging_system: 'kafka' })),
    amqpPublished: per(
      moved('shop_outbox_publishes_total', { ...sent, shop_outbox_transport: 'amqp' }),
    ),
    amqpDeliveries: per(
      moved('messaging_process_duration_count', { messaging_system: 'rabbitmq' }),
    ),
    grpcCalls: per(moved('rpc_server_call_duration_count')),
    httpRequests: per(
      moved('http_server_request_duration_count', {
        http_request_method: 'POST',
        http_route: '/v1/orders',
      }),
    ),
  };
}

// A busy machine can hold a scrape past its 3 s timeout: ask again, a few times.
const SCRAPE_ATTEMPTS = 5;

async function scrape(stack: StackDescription): Promise<Scrapes> {
  const services = drillServicePorts(stack.ports);
  let unreadable: string[] = [];
  for (let attempt = 1; attempt <= SCRAPE_ATTEMPTS; attempt++) {
    const scrapes = await scrapeServices(services, DEVELOPMENT_METRICS_TOKEN);
    unreadable = Object.entries(scrapes)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([service, why]) => `${service}: ${why}`);
    if (unreadable.length === 0) return scrapes;
  }
  throw new Error(
    `/metrics unreadable after ${SCRAPE_ATTEMPTS} attempts (${unreadable.join('; ')})`,
  );
}

function sum(scrapes: Scrapes, name: string, labels: Record<string, string>): number {
  return Object.values(scrapes)
    .filter((s): s is readonly Sample[] => typeof s !== 'string')
    .reduce((total, samples) => total + valueOf(samples, name, labels), 0);
}
