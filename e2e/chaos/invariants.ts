import type { ServiceDatabases } from '../support/service-databases.js';
import { brokerInvariants, type Brokers } from './broker-invariants.js';
import type { PurchaseRecord } from './purchases.js';

/** One row of the invariant table: what must hold, and the order ids (or names) that break it. */
export interface InvariantResult {
  readonly name: string;
  readonly checked: number;
  readonly violations: readonly string[];
}

interface OrderRow {
  id: string;
  learner_id: string;
  idempotency_key: string;
  status: string;
  payment_id: string | null;
  refund_id: string | null;
  course_id: string;
  price_minor: number;
}

const FINAL = new Set(['COMPLETED', 'CANCELLED']);
const CHARGED = new Set(['AUTHORIZED', 'REFUNDED']);

/**
 * Every invariant of a purchase under crashes, read directly in the services'
 * databases and brokers (no API: an API could hide what went wrong). Called
 * again and again while the stack settles; the last answer is the verdict.
 */
export async function checkInvariants(
  databases: ServiceDatabases,
  brokers: Brokers,
  records: readonly PurchaseRecord[],
): Promise<InvariantResult[]> {
  const [orders, payments, refunds, seats, enrollments, receipts, stats, outboxes, keysInFlight] =
    await Promise.all([
      databases.query<OrderRow>(
        'checkout',
        `SELECT o.id, o.learner_id, o.idempotency_key, o.status::text AS status, o.payment_id,
                o.refund_id, l.course_id, l.price_minor
           FROM orders o JOIN order_lines l ON l.order_id = o.id`,
      ),
      databases.query<{ id: string; order_id: string; status: string }>(
        'payment',
        'SELECT id, order_id, status::text AS status FROM payments',
      ),
      databases.query<{ payment_id: string; status: string }>(
        'payment',
        'SELECT payment_id, status::text AS status FROM refunds',
      ),
      databases.query<{ course_id: string; capacity: number; taken: number }>(
        'enrollment',
        'SELECT course_id, capacity, taken FROM course_seats',
      ),
      databases.query<{ order_id: string; course_id: string }>(
        'enrollment',
        'SELECT order_id, course_id FROM enrollments',
      ),
      databases.query<{ order_id: string }>('notification', 'SELECT order_id FROM receipts'),
      databases.query<{
        course_id: string;
        conversions: number;
        cancellations: number;
        revenue_minor: string;
      }>(
        'analytics',
        'SELECT course_id, conversions, cancellations, revenue_minor FROM course_stats',
      ),
      Promise.all(
        ['checkout', 'enrollment'].map(async (service) => ({
          service,
          unsent: await databases.count(
            service,
            'SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL',
          ),
        })),
      ),
      databases.query<{ key: string }>(
        'checkout',
        `SELECT key FROM idempotency_keys WHERE state = 'IN_FLIGHT'`,
      ),
    ]);

  const byOrder = <T extends { order_id: string }>(rows: readonly T[]) =>
    groupBy(rows, (r) => r.order_id);
  const paymentsOf = byOrder(payments);
  const refundsOf = groupBy(refunds, (r) => r.payment_id);
  const enrollmentsOf = byOrder(enrollments);
  const receiptsOf = byOrder(receipts);
  const ordersByLearner = groupBy(orders, (o) => o.learner_id);
  const results: InvariantResult[] = [];
  /** `items` are order ids (or course ids, services): each one that breaks the rule is listed. */
  const check = (name: string, items: readonly string[], broken: (item: string) => boolean) => {
    results.push({ name, checked: items.length, violations: items.filter(broken) });
  };
  const orderIds = [...new Set(orders.map((o) => o.id))];
  const orderOf = new Map(orders.map((o) => [o.id, o]));
  const charged = (orderId: string) =>
    (paymentsOf.get(orderId) ?? []).filter((p) => CHARGED.has(p.status));

  // The client's view: one definitive answer per purchase, the same order every time.
  const definitive = {
    name: 'every purchase got a definitive answer (placed or declined)',
    checked: records.length,
    violations: [] as string[],
  };
  const onePerKey = {
    name: "one order per idempotency key (every answer and the learner's rows agree)",
    checked: records.length,
    violations: [] as string[],
  };
  for (const { purchase, answers } of records) {
    const answered = [...new Set(answers.flatMap((a) => ('orderId' in a ? [a.orderId] : [])))];
    const stored = [...new Set((ordersByLearner.get(purchase.learnerId) ?? []).map((o) => o.id))];
    const label = `purchase #${purchase.index} key ${purchase.key}: answered [${answered.join(', ')}], stored [${stored.join(', ')}]`;
    const open = answers.filter((a) => a.kind === 'gave-up' || a.kind === 'refused');
    if (open.length > 0)
      definitive.violations.push(
        `${label}; ${open.map((a) => ('detail' in a ? a.detail : '')).join('; ')}`,
      );
    if (answered.length > 1 || stored.length !== 1 || (answered[0] && answered[0] !== stored[0]))
      onePerKey.violations.push(label);
  }
  results.push(definitive, onePerKey);
  check('every order reached COMPLETED or CANCELLED', orderIds, (id) => {
    return !FINAL.has(orderOf.get(id)?.status ?? '');
  });
  check('no order charged twice', orderIds, (id) => charged(id).length > 1);
  check('a completed order has its one authorized payment', orderIds, (id) => {
    const order = orderOf.get(id);
    if (order?.status !== 'COMPLETED') return false;
    const [paid, ...more] = charged(id);
    return !paid || more.length > 0 || paid.status !== 'AUTHORIZED' || paid.id !== order.payment_id;
  });
  check('one refund per charged cancellation, none otherwise', orderIds, (id) => {
    const order = orderOf.get(id);
    const refundsOfOrder = charged(id).flatMap((p) => refundsOf.get(p.id) ?? []);
    const succeeded = refundsOfOrder.filter((r) => r.status === 'SUCCEEDED').length;
    if (order?.status === 'CANCELLED' && charged(id).length > 0)
      return succeeded !== 1 || charged(id).some((p) => p.status !== 'REFUNDED');
    return succeeded !== 0;
  });
  check('a declined purchase left a cancelled, uncharged order', declinedOrders(records), (id) => {
    return orderOf.get(id)?.status !== 'CANCELLED' || charged(id).length > 0;
  });
  check(
    'seats: taken within capacity and equal to enrollments',
    seats.map((s) => s.course_id),
    (course) => {
      const row = seats.find((s) => s.course_id === course);
      const enrolled = enrollments.filter((e) => e.course_id === course).length;
      return !row || row.taken > row.capacity || row.taken !== enrolled;
    },
  );
  check('one enrollment per completed order, none for others', orderIds, (id) => {
    const expected = orderOf.get(id)?.status === 'COMPLETED' ? 1 : 0;
    return (enrollmentsOf.get(id)?.length ?? 0) !== expected;
  });
  check('one receipt per completed order, none for others', orderIds, (id) => {
    const expected = orderOf.get(id)?.status === 'COMPLETED' ? 1 : 0;
    return (receiptsOf.get(id)?.length ?? 0) !== expected;
  });
  check(
    'analytics equals checkout (conversions, cancellations, revenue per course)',
    stats.map((s) => s.course_id),
    (course) => {
      const row = stats.find((s) => s.course_id === course);
      const lines = orders.filter((o) => o.course_id === course);
      const completed = lines.filter((o) => o.status === 'COMPLETED');
      const compensated = lines.filter((o) => o.status === 'CANCELLED' && o.refund_id !== null);
      const revenue = completed.reduce((sum, o) => sum + BigInt(o.price_minor), 0n);
      if (!row) return completed.length + compensated.length > 0;
      return (
        row.conversions !== completed.length ||
        row.cancellations !== compensated.length ||
        BigInt(row.revenue_minor) !== revenue
      );
    },
  );
  check(
    'nothing left in an outbox',
    outboxes.map((o) => o.service),
    (service) => {
      return (outboxes.find((o) => o.service === service)?.unsent ?? 0) > 0;
    },
  );
  check(
    'no idempotency key left in flight',
    keysInFlight.map((k) => k.key),
    () => true,
  );
  results.push(...(await brokerInvariants(brokers)));
  return results;
}

function declinedOrders(records: readonly PurchaseRecord[]): string[] {
  return records.flatMap((r) =>
    r.answers.flatMap((a) => (a.kind === 'declined' ? [a.orderId] : [])),
  );
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
