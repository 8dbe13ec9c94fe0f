import type { OrderCompletedV1 } from '@shop/contracts';

/** The text of the receipt mail: what was bought and the total, in minor units rendered as decimals. */
export function receiptBody(order: OrderCompletedV1): string {
  const lines = order.lines.map(
    (line) => `- course ${line.courseId}: ${money(line.priceMinor, line.currency)}`,
  );
  return [
    `Thank you for your order ${order.orderId}.`,
    ...lines,
    `Total: ${money(order.totalMinor, order.currency)}`,
  ].join('\n');
}

// Two decimals is right for the currencies the shop sells in (EUR, USD, GBP).
function money(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}
