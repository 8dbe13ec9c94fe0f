import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Payment } from './domain/payment.js';
import type { ProcessorDecision } from './card-processor/card-processor.js';
import {
  PaymentsRepository,
  type ClaimResult,
  type PaymentClaim,
  type PaymentKey,
  type RefundRequestRecord,
  type RefundResult,
} from './payments.repository.js';

@Injectable()
export class PrismaPaymentsRepository extends PaymentsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  async find(key: PaymentKey): Promise<Payment | undefined> {
    const where =
      'paymentId' in key ? { id: key.paymentId } : { idempotencyKey: key.idempotencyKey };
    return (await this.prisma.payment.findUnique({ where })) ?? undefined;
  }

  async claim(claim: PaymentClaim): Promise<ClaimResult> {
    try {
      return {
        kind: 'claimed',
        payment: await this.prisma.payment.create({ data: { ...claim, status: 'PENDING' } }),
      };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.find({ idempotencyKey: claim.idempotencyKey });
      // The winner released its claim in between: report it as still in flight.
      return { kind: 'taken', payment: winner ?? { ...pendingShape(claim) } };
    }
  }

  async settle(paymentId: string, decision: ProcessorDecision): Promise<Payment | undefined> {
    await this.prisma.payment.updateMany({
      where: { id: paymentId, status: 'PENDING' },
      data: decision.approved
        ? { status: 'AUTHORIZED', cardLast4: decision.cardLast4 }
        : { status: 'DECLINED', declineReason: decision.reason, cardLast4: decision.cardLast4 },
    });
    return this.find({ paymentId });
  }

  async release(paymentId: string): Promise<void> {
    await this.prisma.payment.deleteMany({ where: { id: paymentId, status: 'PENDING' } });
  }

  async takeOverStale(paymentId: string, staleBefore: Date, now: Date): Promise<boolean> {
    const { count } = await this.prisma.payment.updateMany({
      where: { id: paymentId, status: 'PENDING', updatedAt: { lt: staleBefore } },
      data: { updatedAt: now },
    });
    return count === 1;
  }

  stalePending(staleBefore: Date, limit: number): Promise<Payment[]> {
    return this.prisma.payment.findMany({
      where: { status: 'PENDING', updatedAt: { lt: staleBefore } },
      orderBy: { updatedAt: 'asc' },
      take: limit,
    });
  }

  async refund(request: RefundRequestRecord): Promise<RefundResult> {
    try {
      return await this.prisma.$transaction((tx) => refundIn(tx, request));
    } catch (error) {
      // The same refund key, committed meanwhile for another payment.
      if (isUniqueViolation(error)) return { kind: 'key-reused' };
      throw error;
    }
  }
}

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function refundIn(
  tx: Transaction,
  { idempotencyKey, paymentId }: RefundRequestRecord,
): Promise<RefundResult> {
  const earlier = await tx.refund.findUnique({
    where: { idempotencyKey },
    include: { payment: true },
  });
  if (earlier)
    return earlier.paymentId === paymentId
      ? { kind: 'replayed', payment: earlier.payment }
      : { kind: 'key-reused' };
  // The conditional update locks the row: a concurrent refund waits here, then finds 0 rows.
  const { count } = await tx.payment.updateMany({
    where: { id: paymentId, status: 'AUTHORIZED' },
    data: { status: 'REFUNDED' },
  });
  const payment = await tx.payment.findUnique({ where: { id: paymentId } });
  if (!payment) return { kind: 'not-found' };
  if (count === 0) {
    const raced = await tx.refund.findUnique({ where: { idempotencyKey } });
    return raced?.paymentId === paymentId
      ? { kind: 'replayed', payment }
      : { kind: 'not-refundable', status: payment.status };
  }
  await tx.refund.create({
    data: { paymentId, idempotencyKey, amountMinor: payment.amountMinor, status: 'SUCCEEDED' },
  });
  return { kind: 'refunded', payment };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

function pendingShape(claim: PaymentClaim): Payment {
  const now = new Date();
  return {
    ...claim,
    id: '',
    status: 'PENDING',
    declineReason: null,
    cardLast4: null,
    createdAt: now,
    updatedAt: now,
  };
}
