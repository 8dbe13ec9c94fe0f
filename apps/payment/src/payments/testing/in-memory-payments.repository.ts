import { randomUUID } from 'node:crypto';
import type { ProcessorDecision } from '../card-processor/card-processor.js';
import type { Payment } from '../domain/payment.js';
import {
  PaymentsRepository,
  type ClaimResult,
  type PaymentClaim,
  type PaymentKey,
  type RefundRequestRecord,
  type RefundResult,
} from '../payments.repository.js';

/** The repository port in memory, with the same rules as the SQL one (unique keys, refund once). */
export class InMemoryPaymentsRepository extends PaymentsRepository {
  readonly payments = new Map<string, Payment>();
  /** Refund key → payment id. */
  readonly refunds = new Map<string, string>();

  find(key: PaymentKey): Promise<Payment | undefined> {
    const all = [...this.payments.values()];
    return Promise.resolve(
      'paymentId' in key
        ? this.payments.get(key.paymentId)
        : all.find((p) => p.idempotencyKey === key.idempotencyKey),
    );
  }

  async claim(claim: PaymentClaim): Promise<ClaimResult> {
    const taken = await this.find({ idempotencyKey: claim.idempotencyKey });
    if (taken) return { kind: 'taken', payment: taken };
    const now = new Date();
    const payment: Payment = {
      ...claim,
      id: randomUUID(),
      status: 'PENDING',
      declineReason: null,
      cardLast4: null,
      createdAt: now,
      updatedAt: now,
    };
    this.payments.set(payment.id, payment);
    return { kind: 'claimed', payment };
  }

  settle(paymentId: string, decision: ProcessorDecision): Promise<Payment | undefined> {
    const current = this.payments.get(paymentId);
    if (current?.status !== 'PENDING') return Promise.resolve(current);
    const settled = this.update(
      paymentId,
      decision.approved
        ? { status: 'AUTHORIZED', cardLast4: decision.cardLast4 }
        : { status: 'DECLINED', declineReason: decision.reason, cardLast4: decision.cardLast4 },
    );
    return Promise.resolve(settled);
  }

  takeOverStale(paymentId: string, staleBefore: Date, now: Date): Promise<boolean> {
    const current = this.payments.get(paymentId);
    if (current?.status !== 'PENDING' || current.updatedAt >= staleBefore) {
      return Promise.resolve(false);
    }
    this.payments.set(paymentId, { ...current, updatedAt: now });
    return Promise.resolve(true);
  }

  stalePending(staleBefore: Date, limit: number): Promise<Payment[]> {
    const stale = [...this.payments.values()]
      .filter((p) => p.status === 'PENDING' && p.updatedAt < staleBefore)
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime());
    return Promise.resolve(stale.slice(0, limit));
  }

  /** Makes a claim look as old as one whose process died `ageMs` ago (a test's crash). */
  age(paymentId: string, ageMs: number): void {
    const current = this.payments.get(paymentId);
    if (!current) throw new Error(`no payment ${paymentId}`);
    const then = new Date(current.updatedAt.getTime() - ageMs);
    this.payments.set(paymentId, { ...current, createdAt: then, updatedAt: then });
  }

  release(paymentId: string): Promise<void> {
    if (this.payments.get(paymentId)?.status === 'PENDING') this.payments.delete(paymentId);
    return Promise.resolve();
  }

  refund({ idempotencyKey, paymentId }: RefundRequestRecord): Promise<RefundResult> {
    const earlier = this.refunds.get(idempotencyKey);
    const payment = this.payments.get(paymentId);
    if (earlier !== undefined) {
      const replayed = earlier === paymentId && payment !== undefined;
      return Promise.resolve(replayed ? { kind: 'replayed', payment } : { kind: 'key-reused' });
    }
    if (!payment) return Promise.resolve({ kind: 'not-found' });
    if (payment.status !== 'AUTHORIZED') {
      return Promise.resolve({ kind: 'not-refundable', status: payment.status });
    }
    this.refunds.set(idempotencyKey, paymentId);
    return Promise.resolve({
      kind: 'refunded',
      payment: this.update(paymentId, { status: 'REFUNDED' }),
    });
  }

  private update(paymentId: string, change: Partial<Payment>): Payment {
    const current = this.payments.get(paymentId);
    if (!current) throw new Error(`no payment ${paymentId}`);
    const next = { ...current, ...change, updatedAt: new Date() };
    this.payments.set(paymentId, next);
    return next;
  }
}
