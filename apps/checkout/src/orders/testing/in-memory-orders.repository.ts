import type { TransactionalKey } from '@shop/idempotency';
import type { NewOutboxMessage } from '@shop/outbox';
import { Order, type OrderSnapshot } from '../domain/order.js';
import {
  OrdersRepository,
  type OrderListEntry,
  type OrderListPosition,
  type OrderTransaction,
} from '../orders.repository.js';

interface State {
  readonly orders: Map<string, { snapshot: OrderSnapshot; createdAt: Date }>;
  readonly inbox: Set<string>;
  readonly outbox: NewOutboxMessage[];
}

// Keys are SQL (`idempotency_keys`): their tests run against PostgreSQL.
const NO_KEYS = 'the in-memory repository holds no idempotency keys';

const copy = (s: State): State => ({
  orders: new Map(s.orders),
  inbox: new Set(s.inbox),
  outbox: [...s.outbox],
});

/**
 * The repository port in memory, with the SQL one's rules: one order per
 * idempotency key, compare-and-set on the status, a transaction that replaces
 * the state only when its work succeeds. Reads hand out fresh `Order`s.
 */
export class InMemoryOrdersRepository extends OrdersRepository {
  state: State = { orders: new Map(), inbox: new Set(), outbox: [] };

  byId(id: string): Promise<Order | undefined> {
    return Promise.resolve(restored(this.state, id));
  }

  byIds(ids: readonly string[]): Promise<Order[]> {
    return Promise.resolve(ids.flatMap((id) => restored(this.state, id) ?? []));
  }

  pageOfLearner(
    learnerId: string,
    after: OrderListPosition | undefined,
    limit: number,
  ): Promise<OrderListEntry[]> {
    const newestFirst = [...this.state.orders.values()]
      .filter(({ snapshot }) => snapshot.learnerId === learnerId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const start = after ? newestFirst.findIndex((o) => o.snapshot.id === after.id) + 1 : 0;
    return Promise.resolve(
      newestFirst
        .slice(start, start + limit)
        .map(({ snapshot, createdAt }) => ({ order: Order.restore(snapshot), createdAt })),
    );
  }

  byIdempotencyKey(key: string): Promise<Order | undefined> {
    const found = [...this.state.orders.values()].find((o) => o.snapshot.idempotencyKey === key);
    return Promise.resolve(found && Order.restore(found.snapshot));
  }

  async insert(order: Order, key?: TransactionalKey): Promise<Order> {
    if (key) throw new Error(NO_KEYS);
    const existing = await this.byIdempotencyKey(order.snapshot.idempotencyKey);
    if (existing) return existing;
    this.state.orders.set(order.snapshot.id, { snapshot: order.snapshot, createdAt: new Date() });
    return order;
  }

  hasHandled(messageId: string): Promise<boolean> {
    return Promise.resolve(this.state.inbox.has(messageId));
  }

  pendingPaymentPlacedBefore(placedBefore: Date, limit: number): Promise<Order[]> {
    const orders = [...this.state.orders.values()]
      .map(({ snapshot }) => Order.restore(snapshot))
      .filter((o) => o.snapshot.status === 'PENDING_PAYMENT' && o.placedAt < placedBefore)
      .sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
    return Promise.resolve(orders.slice(0, limit));
  }

  enrollingPastDeadline(enrollingBefore: Date, limit: number): Promise<Order[]> {
    const orders = [...this.state.orders.values()]
      .map(({ snapshot }) => Order.restore(snapshot))
      .filter(
        (o) =>
          o.snapshot.status === 'ENROLLING' &&
          !o.enrollmentCancelRequested &&
          (o.enrollingSince ?? enrollingBefore) < enrollingBefore,
      )
      .sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
    return Promise.resolve(orders.slice(0, limit));
  }

  refundsOwed(limit: number): Promise<Order[]> {
    const owed = [...this.state.orders.values()].filter(
      ({ snapshot: o }) => o.status === 'CANCELLED' && o.paymentId !== null && o.refundId === null,
    );
    return Promise.resolve(owed.slice(0, limit).map(({ snapshot }) => Order.restore(snapshot)));
  }

  recordLatePayment(orderId: string, paymentId: string): Promise<void> {
    this.patch(orderId, (o) =>
      o.status === 'CANCELLED' && o.paymentId === null && o.refundId === null
        ? { ...o, paymentId }
        : o,
    );
    return Promise.resolve();
  }

  recordRefund(
    orderId: string,
    refundId: string,
    announcement: NewOutboxMessage,
  ): Promise<boolean> {
    const stored = this.state.orders.get(orderId)?.snapshot;
    if (stored?.status !== 'CANCELLED' || stored.refundId !== null) return Promise.resolve(false);
    this.patch(orderId, (o) => ({ ...o, refundId }));
    this.state.outbox.push(announcement);
    return Promise.resolve(true);
  }

  private patch(orderId: string, change: (o: OrderSnapshot) => OrderSnapshot): void {
    const stored = this.state.orders.get(orderId);
    if (stored) this.state.orders.set(orderId, { ...stored, snapshot: change(stored.snapshot) });
  }

  async inTransaction<T>(work: (tx: OrderTransaction) => Promise<T>): Promise<T> {
    const draft = copy(this.state);
    const result = await work(transactionOn(draft));
    this.state = draft;
    return result;
  }
}

function restored(state: State, id: string): Order | undefined {
  const stored = state.orders.get(id);
  return stored && Order.restore(stored.snapshot);
}

function transactionOn(draft: State): OrderTransaction {
  return {
    claimMessage: (messageId) => {
      const first = !draft.inbox.has(messageId);
      draft.inbox.add(messageId);
      return Promise.resolve(first);
    },
    lockOrder: (id) => Promise.resolve(restored(draft, id)),
    recordChanges: (order, changes) => {
      const stored = draft.orders.get(order.snapshot.id);
      if (!stored || stored.snapshot.status !== changes[0]?.from) return Promise.resolve(false);
      draft.orders.set(order.snapshot.id, { ...stored, snapshot: order.snapshot });
      return Promise.resolve(true);
    },
    enqueue: (message) => {
      draft.outbox.push(message);
      return Promise.resolve();
    },
    completeKey: () => Promise.reject(new Error(NO_KEYS)),
  };
}
