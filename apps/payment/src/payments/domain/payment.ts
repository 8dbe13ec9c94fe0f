/** Where a payment stands: PENDING while the card processor is being asked. */
export type PaymentStatus = 'PENDING' | 'AUTHORIZED' | 'DECLINED' | 'REFUNDED';

/** One Authorize and what became of it; the repository stores it, nothing here knows how. */
export interface Payment {
  readonly id: string;
  /** The caller's key of the Authorize: the same key never charges twice. */
  readonly idempotencyKey: string;
  readonly orderId: string;
  readonly learnerId: string | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly status: PaymentStatus;
  readonly declineReason: string | null;
  /** Never the card number: the last four digits only. */
  readonly cardLast4: string | null;
  /** SHA-256 of the Authorize request, to refuse the same key reused for another request. */
  readonly requestFingerprint: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
