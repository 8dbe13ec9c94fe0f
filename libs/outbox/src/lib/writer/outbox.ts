import { randomUUID } from 'node:crypto';
import type { NewOutboxMessage } from '../outbox-message.js';
import { traceEnqueue } from '../tracing/outbox-spans.js';

/**
 * The one method the writer needs from a transaction: both a Prisma client and
 * a Prisma interactive-transaction client have it, and `pgExecutor` adapts a
 * `pg` client.
 */
export interface RawSqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/** The LISTEN/NOTIFY channel the writer notifies and the relay listens on. */
export const OUTBOX_CHANNEL = 'outbox';

// created_at is the per-key order. clock_timestamp() (not the transaction's
// start time) and "after every unsent row of this key" make it strictly
// increasing per key even within one millisecond or one transaction.
// pg_notify inside the transaction is delivered only on commit.
const INSERT_AND_NOTIFY = `
WITH inserted AS (
  INSERT INTO outbox_messages
    (id, aggregate_type, aggregate_id, destination, topic, exchange, routing_key, message_key, headers, payload,
     created_at, next_attempt_at, trace_context)
  SELECT $1::uuid, $2, $3, $4::outbox_destination, $5, $11, $12, $6::text, $7::jsonb, $8::jsonb, at, at,
         $10::jsonb
    FROM (SELECT GREATEST(clock_timestamp(),
                          (SELECT max(created_at) + interval '1 millisecond'
                             FROM outbox_messages
                            WHERE sent_at IS NULL AND message_key = $6::text)) AS at) AS stamp
  RETURNING id
)
SELECT pg_notify($9, id::text) FROM inserted`;

/**
 * The writer half of the transactional outbox: `enqueue` inserts the message
 * in the caller's transaction, so it exists exactly when the state change does.
 */
export class Outbox {
  constructor(private readonly channel: string = OUTBOX_CHANNEL) {}

  /**
   * Inserts one message in `tx` and wakes the relays when `tx` commits.
   * Writers of the same `messageKey` must be serialized by the caller (they are
   * when they update the same aggregate row); then order is guaranteed.
   * The row keeps the trace context of this call (an `outbox enqueue` span),
   * which the relay links to. Returns the row id.
   */
  async enqueue(tx: RawSqlExecutor, message: NewOutboxMessage): Promise<string> {
    const id = randomUUID();
    const { destination } = message;
    const kafka = destination.transport === 'KAFKA';
    await traceEnqueue(id, message, async (traceContext) => {
      await tx.$executeRawUnsafe(
        INSERT_AND_NOTIFY,
        id,
        message.aggregateType,
        message.aggregateId,
        destination.transport,
        kafka ? destination.topic : null,
        message.messageKey,
        JSON.stringify(message.headers ?? {}),
        JSON.stringify(message.payload),
        this.channel,
        Object.keys(traceContext).length > 0 ? JSON.stringify(traceContext) : null,
        kafka ? null : destination.exchange,
        kafka ? null : destination.routingKey,
      );
    });
    return id;
  }
}
