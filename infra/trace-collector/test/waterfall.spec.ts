import { describe, expect, it } from 'vitest';
import { findOrderTraces, renderWaterfall } from '../src/index.js';
import { PURCHASE } from '@shop/purchase-timeline/testing';

describe('renderWaterfall', () => {
  it('prints every trace of the order as a tree with offsets, durations, hops and the outbox link', () => {
    const text = renderWaterfall('order-1', findOrderTraces(PURCHASE, 'order-1'));
    expect(text.split('\n')).toEqual([
      'order order-1: 2 trace(s), 8 spans, 70.0 ms from the first span to the last',
      'services: checkout, payment, enrollment',
      '',
      '  start ms   took ms  service      kind      span',
      '── trace 1/2 A',
      '       0.0      40.0  checkout     SERVER    POST /v1/orders',
      '       1.0       1.0  checkout     CLIENT    ├─ pg.query:SELECT checkout',
      '       5.0      20.0  checkout     CLIENT    ├─ grpc.shop.payment.v1.PaymentService/Authorize',
      '       6.0      18.0  payment      SERVER    │  └─ → grpc.shop.payment.v1.PaymentService/Authorize',
      '      30.0       1.0  checkout     INTERNAL  └─ outbox enqueue enrollment.grant-seat',
      '── trace 2/2 B  ⇠ linked to "outbox enqueue enrollment.grant-seat" (checkout, trace 1); waited 14.0 ms in the outbox',
      '      45.0       5.0  checkout     PRODUCER  publish enrollment.grant-seat',
      '      46.0       3.0  checkout     PRODUCER  └─ publish enrollment.commands',
      '      52.0      18.0  enrollment   CONSUMER     └─ ⇢ enrollment.grant-seat process  ✗ course full',
    ]);
  });

  it('can leave out database spans, saying how many', () => {
    const text = renderWaterfall('order-1', findOrderTraces(PURCHASE, 'order-1'), {
      hideDatabase: true,
    });
    expect(text).toContain('(1 database spans hidden)');
    expect(text).not.toContain('pg.query');
  });
});
