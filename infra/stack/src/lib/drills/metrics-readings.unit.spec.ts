import { parseExposition } from '@shop/metrics';
import { describe, expect, it } from 'vitest';
import { describeMetrics, metricSignals } from './metrics-readings.js';

// What checkout, enrollment and notification expose during a payment outage, trimmed.
const checkout = (orders: { created: number; unavailable: number }) =>
  parseExposition(`
shop_circuit_breaker_state{shop_dependency="payment",shop_circuit_state="closed"} 0
shop_circuit_breaker_state{shop_dependency="payment",shop_circuit_state="open"} 1
shop_circuit_breaker_transitions_total{shop_dependency="payment",shop_circuit_state="open"} 2
shop_dependency_call_duration_count{shop_dependency="payment",shop_call_outcome="ok"} 4
shop_dependency_call_duration_count{shop_dependency="payment",shop_call_outcome="failure"} 5
shop_dependency_call_duration_count{shop_dependency="payment",shop_call_outcome="circuit_open"} 7
shop_retry_attempts_total{shop_dependency="payment"} 9
shop_retry_budget_remaining{shop_dependency="payment"} 0
shop_retry_budget_refusals_total{shop_dependency="payment"} 3
shop_bulkhead_in_flight{shop_dependency="payment"} 20
shop_bulkhead_queued{shop_dependency="payment"} 20
shop_bulkhead_rejections_total{shop_dependency="payment"} 18
shop_outbox_backlog{shop_outbox_relay="checkout"} 3
shop_outbox_oldest_age{shop_outbox_relay="checkout"} 12.25
http_server_request_duration_count{http_request_method="POST",http_route="/v1/orders",http_response_status_code="201"} ${orders.created}
http_server_request_duration_count{http_request_method="POST",http_route="/v1/orders",http_response_status_code="503"} ${orders.unavailable}
http_server_request_duration_count{http_request_method="GET",http_route="/v1/orders/:id",http_response_status_code="500"} 50
`);
const notification = parseExposition(`
messaging_kafka_consumer_lag{messaging_system="kafka",messaging_consumer_group_name="notification",messaging_destination_name="order.completed.v1",messaging_destination_partition_id="0"} 2
messaging_kafka_consumer_lag{messaging_system="kafka",messaging_consumer_group_name="notification",messaging_destination_name="order.completed.v1",messaging_destination_partition_id="1"} 3
shop_messaging_dead_lettered_total{messaging_destination_name="order.completed.v1",shop_messaging_dead_letter_code="ATTEMPTS_EXHAUSTED"} 2
`);

describe('describeMetrics: the figures a drill prints', () => {
  it('shows the breaker, the calls it refused, retries, outbox age, lag per group and dead letters', () => {
    const lines = describeMetrics({
      checkout: checkout({ created: 6, unavailable: 4 }),
      notification,
      payment: 'connect ECONNREFUSED 127.0.0.1:3001',
    });
    expect(lines).toEqual([
      'unreadable: payment (connect ECONNREFUSED 127.0.0.1:3001)',
      'checkout→payment: breaker open (opened 2×), calls ok 4 failure 5 timeout 0, rejected: circuit-open 7 bulkhead 0',
      'checkout→payment: retries 9, retry budget left 0',
      'checkout→payment: retries refused by the budget 3',
      'checkout→payment: bulkhead 20 in flight, 20 waiting, 18 refused',
      'POST /v1/orders: 10 answered since start, 4 5xx (40 %)',
      'outbox: checkout 3 unsent (oldest 12.3 s)',
      'kafka consumer lag: notification 5',
      'dead-lettered/parked: notification: order.completed.v1 ATTEMPTS_EXHAUSTED 2',
    ]);
  });

  it('counts what payment answered: Authorize calls, those not OK, and refunds', () => {
    const payment = parseExposition(`
rpc_server_call_duration_count{rpc_system="grpc",rpc_service="shop.payment.v1.PaymentService",rpc_method="Authorize",rpc_grpc_status_code="0"} 30
rpc_server_call_duration_count{rpc_system="grpc",rpc_service="shop.payment.v1.PaymentService",rpc_method="Authorize",rpc_grpc_status_code="14"} 12
rpc_server_call_duration_count{rpc_system="grpc",rpc_service="shop.payment.v1.PaymentService",rpc_method="Refund",rpc_grpc_status_code="0"} 1
`);
    expect(describeMetrics({ payment })).toContain(
      'payment: Authorize answered 42 (12 not OK), Refund answered 1',
    );
    expect(describeMetrics({ payment: parseExposition('') })).toContain(
      'payment: Authorize answered 0 (0 not OK), Refund answered 0',
    );
  });

  it('gives the error rate of POST /v1/orders since the previous reading', () => {
    const before = { checkout: checkout({ created: 6, unavailable: 4 }) };
    const now = { checkout: checkout({ created: 7, unavailable: 7 }) };
    expect(describeMetrics(now, before)).toContain(
      'POST /v1/orders: 4 answered since the last reading, 3 5xx (75 %)',
    );
    expect(describeMetrics(before, before)).toContain(
      'POST /v1/orders: no requests since the last reading',
    );
  });

  it('shows enrollment’s command queues (ready, delayed, parked) and the duplicates each inbox skipped', () => {
    const enrollment = parseExposition(`
messaging_amqp_queue_depth{messaging_system="rabbitmq",messaging_destination_name="enrollment.grant-seat"} 7
messaging_amqp_queue_depth{messaging_system="rabbitmq",messaging_destination_name="enrollment.grant-seat.retry.1"} 2
messaging_amqp_queue_depth{messaging_system="rabbitmq",messaging_destination_name="enrollment.grant-seat.retry.2"} 1
messaging_amqp_queue_depth{messaging_system="rabbitmq",messaging_destination_name="enrollment.grant-seat.parking"} 1
shop_inbox_duplicates_total 3
`);
    const lines = describeMetrics({ enrollment, notification, analytics: 'HTTP 503' });
    expect(lines.slice(-2)).toEqual([
      'amqp queues: enrollment.grant-seat 7 ready, 3 delayed, 1 parked',
      'inbox duplicates skipped: enrollment 3',
    ]);
    // Enrollment answers, but has not read its queues yet.
    expect(describeMetrics({ enrollment: parseExposition('') }).at(-1)).toBe(
      'amqp queues: no reading',
    );
  });
});

describe('metricSignals: the same figures as data, for the drills panel', () => {
  it('gives each breaker per client and dependency, each outbox with its age, lag per group and what was set aside', () => {
    const enrollment = parseExposition(`
messaging_amqp_queue_depth{messaging_system="rabbitmq",messaging_destination_name="enrollment.grant-seat"} 0
messaging_amqp_queue_depth{messaging_system="rabbitmq",messaging_destination_name="enrollment.grant-seat.parking"} 1
`);
    const signals = metricSignals({
      checkout: checkout({ created: 1, unavailable: 0 }),
      notification,
      enrollment,
      payment: 'fetch failed',
    });
    expect(signals).toEqual({
      unreadable: [{ service: 'payment', why: 'fetch failed' }],
      breakers: [
        {
          client: 'checkout',
          dependency: 'payment',
          state: 'open',
          opened: 2,
          calls: { ok: 4, failure: 5, timeout: 0 },
          rejected: { circuitOpen: 7, bulkhead: 0 },
        },
      ],
      outboxes: [{ relay: 'checkout', unsent: 3, oldestAgeSeconds: 12.25 }],
      consumerLag: [{ group: 'notification', lag: 5 }],
      deadLettered: [
        {
          service: 'notification',
          destination: 'order.completed.v1',
          code: 'ATTEMPTS_EXHAUSTED',
          count: 2,
        },
      ],
      amqpQueues: { ready: 0, delayed: 0, parked: 1 },
      inboxDuplicates: [],
    });
  });

  it('leaves the AMQP queues out when enrollment was not read, and null before it has read them', () => {
    expect(metricSignals({ notification })).not.toHaveProperty('amqpQueues');
    expect(metricSignals({ enrollment: parseExposition('') }).amqpQueues).toBeNull();
  });
});
