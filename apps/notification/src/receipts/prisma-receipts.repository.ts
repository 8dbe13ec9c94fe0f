import { Inject, Injectable } from '@nestjs/common';
import { inbox } from '@shop/idempotency';
import { inMessageTransaction, messageReader } from '@shop/messaging';
import { PrismaClient } from '../generated/prisma/client.js';
import type { NewReceipt, Receipt } from './domain/receipt.js';
import { ReceiptsRepository } from './receipts.repository.js';

/**
 * Receipts in `receipts` (unique order id); the event id claimed in the inbox
 * in the same transaction — the message's own, or its batch's
 * (`inMessageTransaction`: several events, one commit).
 */
@Injectable()
export class PrismaReceiptsRepository extends ReceiptsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  recordOnce(eventId: string, receipt: NewReceipt): Promise<boolean> {
    return inMessageTransaction(this.prisma, async (tx) => {
      if (!(await inbox.claim(tx, eventId))) return false;
      // Another event about the same order (a re-publication) must not mail twice either.
      const { count } = await tx.receipt.createMany({ data: [receipt], skipDuplicates: true });
      return count === 1;
    });
  }

  // In a batch, through its transaction: an earlier event of the batch may have sent this receipt.
  async ofOrder(orderId: string): Promise<Receipt | undefined> {
    const found = await messageReader(this.prisma, (db) =>
      db.receipt.findUnique({ where: { orderId } }),
    );
    return found ?? undefined;
  }

  findOfLearner(learnerId: string, orderIds: readonly string[]): Promise<Receipt[]> {
    return this.prisma.receipt.findMany({ where: { orderId: { in: [...orderIds] }, learnerId } });
  }
}
