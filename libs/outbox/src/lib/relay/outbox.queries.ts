import type { ClientBase, Pool } from 'pg';
import type {
  CloudEventLike,
  OutboxDestination,
  OutboxMessage,
  OutboxTransport,
} from '../outbox-message.js';

interface OutboxRow {
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  destination: OutboxTransport;
  topic: string | null;
  exchange: string | null;
  routing_key: string | null;
  message_key: string | null;
  headers: Record<string, unknown>;
  payload: CloudEventLike;
  trace_context: Record<string, unknown> | null;
  created_at: Date;
  attempts: number;
  has_successor: boolean;
}

// Only the head of each key: a row is skipped while any older unsent row of
// its key exists, whether that row is due, waiting for its retry, or locked by
// another relay right now. SKIP LOCKED lets several relays share the work.
// has_successor says a newer row of the key waits behind this one: it becomes
// a head once this batch commits, so the relay should look again at once.
const CLAIM_DUE_HEADS = `
SELECT m.id, m.aggregate_type, m.aggregate_id, m.destination, m.topic, m.exchange, m.routing_key,
       m.message_key,
       m.headers, m.payload, m.trace_context, m.created_at, m.attempts,
       EXISTS (SELECT 1 FROM outbox_messages newer
                WHERE newer.sent_at IS NULL
                  AND newer.message_key = m.message_key
                  AND (newer.created_at, newer.id) > (m.created_at, m.id)) AS has_successor
  FROM outbox_messages m
 WHERE m.sent_at IS NULL
   AND m.next_attempt_at <= clock_timestamp()
   AND NOT EXISTS (SELECT 1 FROM outbox_messages older
                    WHERE older.sent_at IS NULL
                      AND older.message_key = m.message_key
                      AND (older.created_at, older.id) < (m.created_at, m.id))
 ORDER BY m.created_at, m.id
 LIMIT $1
   FOR UPDATE OF m SKIP LOCKED`;

/** A claimed batch, and whether rows of its keys wait behind it. */
export interface ClaimedBatch {
  readonly messages: OutboxMessage[];
  readonly successorsWaiting: boolean;
}

/** Locks up to `limit` due rows, at most one per key, oldest first; call inside a transaction. */
export async function claimDueHeads(client: ClientBase, limit: number): Promise<ClaimedBatch> {
  const { rows } = await client.query<OutboxRow>(CLAIM_DUE_HEADS, [limit]);
  const messages = rows.map((row) => ({
    id: row.id,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    destination: destinationOf(row),
    messageKey: row.message_key,
    headers: Object.fromEntries(Object.entries(row.headers).map(([k, v]) => [k, String(v)])),
    payload: row.payload,
    traceContext: traceContextOf(row.trace_context),
    createdAt: row.created_at,
    attempts: row.attempts,
  }));
  return { messages, successorsWaiting: rows.some((row) => row.has_successor) };
}

// The CHECK constraint guarantees the columns of the row's transport are set.
function destinationOf(row: OutboxRow): OutboxDestination {
  if (row.destination === 'KAFKA') return { transport: 'KAFKA', topic: row.topic ?? '' };
  return { transport: 'AMQP', exchange: row.exchange ?? '', routingKey: row.routing_key ?? '' };
}

function traceContextOf(json: Record<string, unknown> | null): Record<string, string> {
  return Object.fromEntries(Object.entries(json ?? {}).map(([k, v]) => [k, String(v)]));
}

export async function markSent(client: ClientBase, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query(
    `UPDATE outbox_messages SET sent_at = clock_timestamp(), attempts = attempts + 1
      WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

export async function markFailed(client: ClientBase, id: string, retryInMs: number): Promise<void> {
  await client.query(
    `UPDATE outbox_messages
        SET attempts = attempts + 1,
            next_attempt_at = clock_timestamp() + make_interval(secs => $2::float8 / 1000)
      WHERE id = $1::uuid`,
    [id, retryInMs],
  );
}

/**
 * Makes the rows of `transport` that wait out a backoff due now; returns how
 * many. For when its broker answers again: they failed because it was away,
 * not because of what they carry.
 */
export async function retryBackedOffNow(
  client: ClientBase,
  transport: OutboxTransport,
): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE outbox_messages SET next_attempt_at = clock_timestamp()
      WHERE sent_at IS NULL AND attempts > 0 AND destination = $1
        AND next_attempt_at > clock_timestamp()`,
    [transport],
  );
  return rowCount ?? 0;
}

/**
 * Deletes rows sent more than `keepMs` ago, `batchSize` at a time so no
 * statement holds many locks; returns how many.
 */
export async function purgeSentBefore(
  pool: Pool,
  keepMs: number,
  batchSize = 1_000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `DELETE FROM outbox_messages
        WHERE id IN (SELECT id FROM outbox_messages
                      WHERE sent_at < clock_timestamp() - make_interval(secs => $1::float8 / 1000)
                      LIMIT $2)`,
      [keepMs, batchSize],
    );
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < batchSize) return total;
  }
}

/** How far the relays are behind: what a health check or a gauge reports. */
export interface OutboxLag {
  /** Rows not yet confirmed by a broker. */
  readonly unsent: number;
  /** Age of the oldest of them in milliseconds; 0 when there are none. */
  readonly oldestUnsentAgeMs: number;
}

export async function readLag(pool: Pool): Promise<OutboxLag> {
  const { rows } = await pool.query<{ unsent: number; oldest_ms: number }>(
    `SELECT count(*)::int AS unsent,
            COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)) * 1000, 0)::float8 AS oldest_ms
       FROM outbox_messages WHERE sent_at IS NULL`,
  );
  const row = rows[0];
  return { unsent: row?.unsent ?? 0, oldestUnsentAgeMs: Math.max(0, row?.oldest_ms ?? 0) };
}
