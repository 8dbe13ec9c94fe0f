import type { Payment } from './payment.js';

/** A payment whose Authorize has an outcome: what callers may see. */
export type SettledPayment = Payment & { readonly status: Exclude<Payment['status'], 'PENDING'> };

export function isSettled(payment: Payment): payment is SettledPayment {
  return payment.status !== 'PENDING';
}
