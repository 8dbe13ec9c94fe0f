import { randomUUID } from 'node:crypto';
import type { NewReceipt, Receipt } from '../domain/receipt.js';
import { ReceiptsRepository } from '../receipts.repository.js';

/** The repository port in memory, with the same rules: once per event id, once per order. */
export class InMemoryReceiptsRepository extends ReceiptsRepository {
  readonly receipts: Receipt[] = [];
  private readonly seenEvents = new Set<string>();

  recordOnce(eventId: string, receipt: NewReceipt): Promise<boolean> {
    if (this.seenEvents.has(eventId)) return Promise.resolve(false);
    this.seenEvents.add(eventId);
    if (this.receipts.some((r) => r.orderId === receipt.orderId)) return Promise.resolve(false);
    this.receipts.push({ ...receipt, id: randomUUID() });
    return Promise.resolve(true);
  }

  ofOrder(orderId: string): Promise<Receipt | undefined> {
    return Promise.resolve(this.receipts.find((r) => r.orderId === orderId));
  }

  findOfLearner(learnerId: string, orderIds: readonly string[]): Promise<Receipt[]> {
    return Promise.resolve(
      this.receipts.filter((r) => r.learnerId === learnerId && orderIds.includes(r.orderId)),
    );
  }
}
