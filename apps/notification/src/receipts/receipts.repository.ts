import type { NewReceipt, Receipt } from './domain/receipt.js';

/** Storage of the receipts, behind an interface the use cases own. */
export abstract class ReceiptsRepository {
  /**
   * Records the receipt of the event `eventId`, once per event and once per
   * order: false (nothing recorded) when either was seen before.
   */
  abstract recordOnce(eventId: string, receipt: NewReceipt): Promise<boolean>;

  /** The receipt sent for this order, if any. */
  abstract ofOrder(orderId: string): Promise<Receipt | undefined>;

  /** The receipts of these orders that belong to `learnerId`. */
  abstract findOfLearner(learnerId: string, orderIds: readonly string[]): Promise<Receipt[]>;
}
