/**
 * The project's own span attributes, next to OpenTelemetry's semantic
 * conventions. Ids only: never card data, names, e-mail addresses or bodies.
 */
export const ShopAttributes = {
  /** The `x-correlation-id` of the work a span belongs to. */
  correlationId: 'shop.correlation_id',
  /** The order a span works on: what `pnpm trace <orderId>` looks for. */
  orderId: 'shop.order_id',
} as const;

/** `shop.<aggregate>_id`, e.g. `shop.order_id` for an outbox message about an order. */
export function aggregateIdAttribute(aggregateType: string): string {
  return `shop.${aggregateType.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_id`;
}
