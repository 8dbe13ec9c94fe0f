/** The mail sent for one completed order; a row is a mail sent. */
export interface Receipt {
  readonly id: string;
  readonly orderId: string;
  readonly learnerId: string;
  readonly body: string;
  readonly sentAt: Date;
}

/** A receipt about to be sent. */
export type NewReceipt = Omit<Receipt, 'id'>;
