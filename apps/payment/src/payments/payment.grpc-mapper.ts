import { paymentV1 } from '@shop/contracts';
import type { SettledPayment } from './domain/settled-payment.js';

const { DeclineReason, PaymentStatus } = paymentV1;

/** A stored payment as the shop.payment.v1 contract shows it. */
export function toGrpcPayment(payment: SettledPayment): paymentV1.Payment {
  return {
    paymentId: payment.id,
    orderId: payment.orderId,
    learnerId: payment.learnerId ?? '',
    amount: { amountMinor: payment.amountMinor, currencyCode: payment.currency },
    status: PaymentStatus[`PAYMENT_STATUS_${payment.status}`],
    declineReason: declineReasonOf(payment.declineReason),
    createdAt: toTimestamp(payment.createdAt),
    updatedAt: toTimestamp(payment.updatedAt),
  };
}

function declineReasonOf(stored: string | null): paymentV1.DeclineReason {
  const name = `DECLINE_REASON_${stored ?? 'UNSPECIFIED'}`;
  return name in DeclineReason
    ? DeclineReason[name as keyof typeof DeclineReason]
    : DeclineReason.DECLINE_REASON_UNSPECIFIED;
}

function toTimestamp(date: Date) {
  const millis = date.getTime();
  return { seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1_000_000 };
}
