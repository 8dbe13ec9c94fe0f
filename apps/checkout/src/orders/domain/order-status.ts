/** Where an order is in the purchase flow. Every change is kept, with its reason. */
export type OrderStatus = 'PENDING_PAYMENT' | 'PAID' | 'ENROLLING' | 'COMPLETED' | 'CANCELLED';

// The whole state machine: nothing moves anywhere else, and the two final
// states never move again.
export const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  PAID: ['ENROLLING', 'CANCELLED'],
  ENROLLING: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

export interface StatusChange {
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly reason: string;
  readonly at: Date;
}
