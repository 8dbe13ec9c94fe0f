import { z } from 'zod';
import type { Order } from './domain/order.js';

const statusSchema = z.enum(['PENDING_PAYMENT', 'PAID', 'ENROLLING', 'COMPLETED', 'CANCELLED']);
const moneySchema = z.object({
  amountMinor: z.int().min(0).describe('Integer minor units (cents) of `currency`.'),
  currency: z.string().length(3).describe('ISO 4217 code.'),
});

/** What `GET /v1/orders/:id` and a successful `POST /v1/orders` answer. */
export const orderViewSchema = z
  .object({
    id: z.uuid(),
    learnerId: z.uuid(),
    status: statusSchema,
    lines: z.array(
      z.object({
        courseId: z.uuid(),
        price: moneySchema.describe('The catalog price when the order was placed.'),
      }),
    ),
    total: moneySchema,
    paymentId: z.string().nullable().describe("payment's id once the charge was authorized."),
    refundId: z
      .uuid()
      .nullable()
      .describe('Set when the payment was refunded (the order was compensated).'),
    history: z
      .array(
        z.object({
          from: statusSchema.nullable(),
          to: statusSchema,
          reason: z.string(),
          at: z.iso.datetime(),
        }),
      )
      .describe('Every status change, oldest first, with its time and reason.'),
    links: z.object({ self: z.string().describe('This order: `/v1/orders/{id}`.') }),
  })
  .meta({ id: 'Order' });

export type OrderView = z.infer<typeof orderViewSchema>;

/** The order's URL, for `Location` and `links.self`. */
export function orderPath(id: string): string {
  return `/v1/orders/${id}`;
}

export function toOrderView(order: Order): OrderView {
  const o = order.snapshot;
  return {
    id: o.id,
    learnerId: o.learnerId,
    status: o.status,
    lines: o.lines.map((l) => ({
      courseId: l.courseId,
      price: { amountMinor: l.priceMinor, currency: l.currency },
    })),
    total: o.total,
    paymentId: o.paymentId,
    refundId: o.refundId,
    history: o.history.map((c) => ({
      from: c.from,
      to: c.to,
      reason: c.reason,
      at: c.at.toISOString(),
    })),
    links: { self: orderPath(o.id) },
  };
}
