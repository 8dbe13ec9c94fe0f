import type { ServiceDatabases } from './service-databases.js';

/** A message as an outbox row holds it: the whole CloudEvent and its transport headers. */
export interface OutboxRow {
  destination: 'KAFKA' | 'AMQP';
  /** The Kafka topic, or the AMQP routing key (the row keeps them in separate columns). */
  topic: string;
  message_key: string | null;
  headers: Record<string, string>;
  payload: { id: string; type: string; subject: string } & Record<string, unknown>;
  sent_at: Date | null;
}

/** What one order left in every service's own database. */
export class PurchaseEffects {
  constructor(private readonly db: ServiceDatabases) {}

  payments(orderId: string) {
    return this.db.query<{
      id: string;
      status: string;
      decline_reason: string | null;
      amount_minor: number;
    }>(
      'payment',
      'SELECT id, status, decline_reason, amount_minor FROM payments WHERE order_id = $1',
      [orderId],
    );
  }

  refunds(orderId: string) {
    return this.db.query<{ status: string; amount_minor: number }>(
      'payment',
      'SELECT r.status, r.amount_minor FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = $1',
      [orderId],
    );
  }

  enrollments(orderId: string): Promise<number> {
    return this.db.count('enrollment', 'SELECT count(*) FROM enrollments WHERE order_id = $1', [
      orderId,
    ]);
  }

  async seatsTaken(courseId: string): Promise<{ taken: number; capacity: number }> {
    const [row] = await this.db.query<{ taken: number; capacity: number }>(
      'enrollment',
      'SELECT taken, capacity FROM course_seats WHERE course_id = $1',
      [courseId],
    );
    if (!row) throw new Error(`no seats for course ${courseId}`);
    return row;
  }

  receipts(orderId: string): Promise<number> {
    return this.db.count('notification', 'SELECT count(*) FROM receipts WHERE order_id = $1', [
      orderId,
    ]);
  }

  async courseStats(
    courseId: string,
  ): Promise<{ conversions: number; cancellations: number; revenueMinor: number }> {
    const [row] = await this.db.query<{
      conversions: number;
      cancellations: number;
      revenue_minor: string;
    }>(
      'analytics',
      'SELECT conversions, cancellations, revenue_minor FROM course_stats WHERE course_id = $1',
      [courseId],
    );
    return {
      conversions: row?.conversions ?? 0,
      cancellations: row?.cancellations ?? 0,
      revenueMinor: Number(row?.revenue_minor ?? 0),
    };
  }

  /** Every message `service` wrote to its outbox about this order, oldest first. */
  outbox(service: 'checkout' | 'enrollment', orderId: string): Promise<OutboxRow[]> {
    return this.db.query<OutboxRow>(
      service,
      `SELECT destination, COALESCE(topic, routing_key) AS topic, message_key, headers, payload, sent_at
         FROM outbox_messages
        WHERE payload->>'subject' = $1 ORDER BY created_at`,
      [orderId],
    );
  }

  unsentOutbox(service: 'checkout' | 'enrollment'): Promise<number> {
    return this.db.count(service, 'SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL');
  }
}
