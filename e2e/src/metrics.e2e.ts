// Every service's /metrics over the wire, as Prometheus reads it: one purchase
// moves the series of each edge it crosses (REST, gRPC, AMQP, Kafka, outbox),
// and no service serves its metrics without the token.
import { parseExposition, valueOf, type Sample } from '@shop/metrics/testing';
import { DEVELOPMENT_METRICS_TOKEN } from '@shop/platform';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../support/checkout.client.js';
import { ASYNC_TIMEOUT, connectToStack, orderReaching } from '../support/flow.js';

const { stack, checkout, close } = connectToStack();
afterAll(close);

const { ports } = stack;
const services = {
  checkout: ports.CHECKOUT_PORT,
  payment: ports.PAYMENT_PORT,
  enrollment: ports.ENROLLMENT_PORT,
  notification: ports.NOTIFICATION_PORT,
  analytics: ports.ANALYTICS_PORT,
  bff: ports.BFF_PORT,
};
type Service = keyof typeof services;

async function scrape(service: Service): Promise<Sample[]> {
  const res = await fetch(`http://127.0.0.1:${services[service]}/metrics`, {
    headers: { authorization: `Bearer ${DEVELOPMENT_METRICS_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return parseExposition(await res.text());
}

async function scrapeAll(): Promise<Record<Service, Sample[]>> {
  const entries = await Promise.all(
    (Object.keys(services) as Service[]).map(async (s) => [s, await scrape(s)] as const),
  );
  return Object.fromEntries(entries) as Record<Service, Sample[]>;
}

const handled = (system: string, destination: string, group: string) => ({
  messaging_system: system,
  messaging_destination_name: destination,
  messaging_consumer_group_name: group,
  shop_messaging_outcome: 'handled',
});

describe("every service's /metrics", () => {
  it.each(Object.entries(services))(
    'refuses %s metrics without the token: 401',
    async (_, port) => {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    },
  );

  it('shows one purchase at every edge it crosses: REST, gRPC, the outbox, AMQP and Kafka', async () => {
    const before = await scrapeAll();
    const placed = await checkout.placeOrder({
      learnerId: newLearner(),
      courseIds: [COURSES.messaging101],
      cardToken: 'tok_visa',
    });
    expect(placed.status).toBe(201);
    await orderReaching(checkout, placed.json.id, 'COMPLETED');

    const moved = (
      service: Service,
      after: Sample[],
      name: string,
      labels: Record<string, string>,
    ) => valueOf(after, name, labels) - valueOf(before[service], name, labels);
    // The consumers of order.completed.v1 may still be at it when the order reads COMPLETED.
    await expect
      .poll(async () => {
        const after = await scrapeAll();
        return {
          orders: moved('checkout', after.checkout, 'http_server_request_duration_count', {
            http_request_method: 'POST',
            http_route: '/v1/orders',
            http_response_status_code: '201',
          }),
          paymentCalls: moved('checkout', after.checkout, 'shop_dependency_call_duration_count', {
            shop_dependency: 'payment',
            shop_call_outcome: 'ok',
          }),
          authorizeCalls: moved('payment', after.payment, 'rpc_server_call_duration_count', {
            rpc_method: 'Authorize',
            rpc_grpc_status_code: '0',
          }),
          commandsSent: moved('checkout', after.checkout, 'shop_outbox_publishes_total', {
            shop_outbox_transport: 'amqp',
            shop_outbox_outcome: 'sent',
          }),
          commandsHandled: moved(
            'enrollment',
            after.enrollment,
            'messaging_process_duration_count',
            handled('rabbitmq', 'enrollment.grant-seat', 'enrollment'),
          ),
          seatEventsHandled: moved(
            'checkout',
            after.checkout,
            'messaging_process_duration_count',
            handled('kafka', 'enrollment.seat-granted.v1', 'checkout'),
          ),
          receipts: moved(
            'notification',
            after.notification,
            'messaging_process_duration_count',
            handled('kafka', 'order.completed.v1', 'notification'),
          ),
          stats: moved(
            'analytics',
            after.analytics,
            'messaging_process_duration_count',
            handled('kafka', 'order.completed.v1', 'analytics'),
          ),
        };
      }, ASYNC_TIMEOUT)
      .toEqual({
        orders: 1,
        paymentCalls: 1,
        authorizeCalls: 1,
        commandsSent: 1,
        commandsHandled: 1,
        seatEventsHandled: 1,
        receipts: 1,
        stats: 1,
      });

    const after = await scrapeAll();
    expect(
      valueOf(after.checkout, 'shop_circuit_breaker_state', {
        shop_dependency: 'payment',
        shop_circuit_state: 'closed',
      }),
    ).toBe(1);
    await expect
      .poll(async () => valueOf(await scrape('checkout'), 'shop_outbox_backlog'), ASYNC_TIMEOUT)
      .toBe(0);
    await expect
      .poll(
        async () =>
          valueOf(await scrape('notification'), 'messaging_kafka_consumer_lag', {
            messaging_consumer_group_name: 'notification',
            messaging_destination_name: 'order.completed.v1',
          }),
        ASYNC_TIMEOUT,
      )
      .toBe(0);
  });
});
