import { Inject, Injectable } from '@nestjs/common';
import { inbox } from '@shop/idempotency';
import { PrismaClient } from '../generated/prisma/client.js';
import type { NewReceipt, Receipt } from './domain/receipt.js';
import { ReceiptsRepository } from './receipts.repository.js';

/** Receipts in `receipts` (unique order id); the event id claimed in the inbox in the same transaction. */
@Injectable()
export class PrismaReceiptsRepository extends ReceiptsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  recordOnce(eventId: string, receipt: NewReceipt): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await inbox.claim(tx, eventId))) return false;
      // Another event about the same order (a re-publication) must not mail twice either.
      const { count } = await tx.receipt.createMany({ data: [receipt], skipDuplicates: true });
      return count === 1;
    });
  }

  async ofOrder(orderId: string): Promise<Receipt | undefined> {
    return (await this.prisma.receipt.findUnique({ where: { orderId } })) ?? undefined;
  }

  findOfLearner(learnerId: string, orderIds: readonly string[]): Promise<Receipt[]> {
    return this.prisma.receipt.findMany({ where: { orderId: { in: [...orderIds] }, learnerId } });
  }
}
