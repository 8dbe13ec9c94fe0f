import pg from 'pg';

/** Counts, across every service's database, of what the orders of one course caused. */
export interface FlowCounts {
  orders: number;
  /** Orders past payment (authorized): each must end COMPLETED with every effect once. */
  paid: number;
  /** Orders a 503 left unpaid; the client would retry them with the same key. */
  pendingPayment: number;
  /**
   * Paid orders CANCELLED since (their charge refunded): an overloaded run's
   * deadline sweep or a seat refused. Not a loss, but not a completed purchase
   * either — the report shows them so a failed "every paid order COMPLETED" says why.
   */
  paidCancelled: number;
  completed: number;
  payments: number;
  enrollments: number;
  receipts: number;
  conversions: number;
  /** Rows that would mean a duplicated effect: a second payment, enrollment or receipt of one order. */
  duplicates: number;
}

export class FlowCounter {
  private readonly pools: Record<string, pg.Pool>;

  constructor(
    databaseUrls: Record<string, string>,
    private readonly courseId: string,
  ) {
    this.pools = Object.fromEntries(
      Object.entries(databaseUrls).map(([name, url]) => [
        name,
        new pg.Pool({ connectionString: url, max: 2 }).on('error', () => undefined),
      ]),
    );
  }

  /** Makes room: the benchmark needs more seats than the demo course has. */
  async raiseCapacity(by: number): Promise<void> {
    await this.pool('enrollment').query(
      'UPDATE course_seats SET capacity = capacity + $2 WHERE course_id = $1',
      [this.courseId, by],
    );
  }

  async count(): Promise<FlowCounts> {
    const id = [this.courseId];
    const [orders, payments, enrollments, receipts, conversions] = await Promise.all([
      this.one<{
        orders: string;
        paid: string;
        pending: string;
        paid_cancelled: string;
        completed: string;
      }>(
        'checkout',
        `SELECT count(*) AS orders, count(o.payment_id) AS paid,
                count(*) FILTER (WHERE o.status = 'PENDING_PAYMENT') AS pending,
                count(o.payment_id) FILTER (WHERE o.status = 'CANCELLED') AS paid_cancelled,
                count(*) FILTER (WHERE o.status = 'COMPLETED') AS completed
           FROM orders o WHERE EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.course_id = $1)`,
        id,
      ),
      this.one<{ n: string; dup: string }>(
        'payment',
        `SELECT count(*) AS n, count(*) - count(DISTINCT order_id) AS dup FROM payments WHERE status = 'AUTHORIZED'`,
        [],
      ),
      this.one<{ n: string; dup: string }>(
        'enrollment',
        'SELECT count(*) AS n, count(*) - count(DISTINCT order_id) AS dup FROM enrollments WHERE course_id = $1',
        id,
      ),
      this.one<{ n: string; dup: string }>(
        'notification',
        'SELECT count(*) AS n, count(*) - count(DISTINCT order_id) AS dup FROM receipts',
        [],
      ),
      this.one<{ n: string | null }>(
        'analytics',
        'SELECT conversions AS n FROM course_stats WHERE course_id = $1',
        id,
      ),
    ]);
    return {
      orders: Number(orders?.orders ?? 0),
      paid: Number(orders?.paid ?? 0),
      pendingPayment: Number(orders?.pending ?? 0),
      paidCancelled: Number(orders?.paid_cancelled ?? 0),
      completed: Number(orders?.completed ?? 0),
      payments: Number(payments?.n ?? 0),
      enrollments: Number(enrollments?.n ?? 0),
      receipts: Number(receipts?.n ?? 0),
      conversions: Number(conversions?.n ?? 0),
      duplicates:
        Number(payments?.dup ?? 0) + Number(enrollments?.dup ?? 0) + Number(receipts?.dup ?? 0),
    };
  }

  /** Committed transactions so far, per service database (PostgreSQL's statistics, flushed about once a second). */
  async commits(): Promise<Map<string, number>> {
    const rows = (
      await this.pool('checkout').query<{ datname: string; xact_commit: string }>(
        'SELECT datname, xact_commit FROM pg_stat_database WHERE datname = ANY($1)',
        [Object.keys(this.pools)],
      )
    ).rows;
    return new Map(rows.map((r) => [r.datname, Number(r.xact_commit)]));
  }

  /** The process id of one of our PostgreSQL backends: its parent is the postmaster. */
  async backendPid(): Promise<number> {
    const row = await this.one<{ pid: number }>('checkout', 'SELECT pg_backend_pid() AS pid', []);
    if (!row) throw new Error('pg_backend_pid() returned nothing');
    return row.pid;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((p) => p.end()));
  }

  private async one<Row extends pg.QueryResultRow>(
    db: string,
    sql: string,
    params: unknown[],
  ): Promise<Row | undefined> {
    return (await this.pool(db).query<Row>(sql, params)).rows[0];
  }

  private pool(name: string): pg.Pool {
    const pool = this.pools[name];
    if (!pool) throw new Error(`no database ${name}`);
    return pool;
  }
}

/** Differences between two counts, field by field. */
export function delta(after: FlowCounts, before: FlowCounts): FlowCounts {
  const keys = Object.keys(after) as (keyof FlowCounts)[];
  return Object.fromEntries(keys.map((k) => [k, after[k] - before[k]])) as unknown as FlowCounts;
}
