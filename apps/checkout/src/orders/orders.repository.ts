import type { StoredResponse, TransactionalKey } from '@shop/idempotency';
import type { NewOutboxMessage } from '@shop/outbox';
import type { Order } from './domain/order.js';
import type { StatusChange } from './domain/order-status.js';

/**
 * What one transaction of an order use case may do: everything in it commits
 * together — the inbox entry, the new status with its history, and the
 * messages that announce it — or none of it does.
 */
export interface OrderTransaction {
  /** Inbox: true the first time this message id is seen, false for a redelivery. */
  claimMessage(messageId: string): Promise<boolean>;
  /** Reads the order and locks its row until the transaction ends, so writers of one order queue up. */
  lockOrder(id: string): Promise<Order | undefined>;
  /**
   * Persists the order's current status, payment and refund, and appends
   * `changes` to its history — only if the stored status is still the one the
   * first change starts from (compare-and-set). False when another writer
   * moved the order first; then nothing was written.
   */
  recordChanges(order: Order, changes: readonly StatusChange[]): Promise<boolean>;
  /** Writes a message to the outbox; the relay publishes it after the commit. */
  enqueue(message: NewOutboxMessage): Promise<void>;
  /**
   * Stores the request's response under its idempotency key (claimed with
   * the order, see `insert`), so the outcome and the answer that replays it
   * commit together. False when the key was taken over meanwhile.
   */
  completeKey(key: TransactionalKey, response: StoredResponse): Promise<boolean>;
}

/** One order of a learner's list, with the position its cursor continues from. */
export interface OrderListEntry {
  readonly order: Order;
  readonly createdAt: Date;
}

/** Where a page of a learner's orders continues: strictly older than this order. */
export interface OrderListPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** Storage as the order use cases and the graph's reads need it; Prisma stays behind it. */
export abstract class OrdersRepository {
  abstract byId(id: string): Promise<Order | undefined>;
  /** Many orders in one query (a DataLoader's batch); unknown ids are left out. */
  abstract byIds(ids: readonly string[]): Promise<Order[]>;
  /** A learner's orders, newest first, a keyset page at a time (index orders(learner_id, created_at)). */
  abstract pageOfLearner(
    learnerId: string,
    after: OrderListPosition | undefined,
    limit: number,
  ): Promise<OrderListEntry[]>;
  abstract byIdempotencyKey(key: string): Promise<Order | undefined>;
  /**
   * Stores a newly placed order with its lines and first history entry. If an
   * order with the same idempotency key already exists, returns that one instead.
   * With `key`, claims the request's idempotency key in the same transaction:
   * the claim and the order commit together or not at all (throws the key's
   * KeyNotClaimedError, writing nothing, when the key is not this request's).
   */
  abstract insert(order: Order, key?: TransactionalKey): Promise<Order>;
  /** Whether the inbox already holds this message id (a cheap check before side effects). */
  abstract hasHandled(messageId: string): Promise<boolean>;
  /** Orders still PENDING_PAYMENT that were placed before `placedBefore`, oldest first. */
  abstract pendingPaymentPlacedBefore(placedBefore: Date, limit: number): Promise<Order[]>;
  /**
   * Orders ENROLLING since before `enrollingBefore` whose grant's cancellation
   * was not asked for yet, oldest first.
   */
  abstract enrollingPastDeadline(enrollingBefore: Date, limit: number): Promise<Order[]>;
  /** CANCELLED orders holding a payment without a refund: a late charge to give back. */
  abstract refundsOwed(limit: number): Promise<Order[]>;
  /**
   * Notes a payment authorized after its order was cancelled (a refund is now
   * owed, durably, for the sweep to give back). Only on a CANCELLED order without one.
   */
  abstract recordLatePayment(orderId: string, paymentId: string): Promise<void>;
  /**
   * Notes the refund of a cancelled order's late payment and, in the same
   * transaction, writes its announcement to the outbox. False (nothing
   * written) when the order is not CANCELLED or already holds a refund.
   */
  abstract recordRefund(
    orderId: string,
    refundId: string,
    announcement: NewOutboxMessage,
  ): Promise<boolean>;
  /** `timeoutMs`: how long the transaction may stay open (one that waits on payment). */
  abstract inTransaction<T>(
    work: (tx: OrderTransaction) => Promise<T>,
    options?: { readonly timeoutMs?: number },
  ): Promise<T>;
}
