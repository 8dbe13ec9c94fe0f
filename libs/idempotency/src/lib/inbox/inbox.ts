import { shopMeter } from '@shop/metrics';
import type { SqlClient } from '../sql/sql-client.js';

const duplicates = shopMeter('@shop/idempotency').createCounter('shop.inbox.duplicates', {
  description:
    'Messages the inbox had already seen (a redelivery, a duplicate publish): skipped, no second effect.',
});

/**
 * A consumer's record of the messages it has handled (`inbox_messages`,
 * unique `message_id`). Claim inside the transaction that applies the
 * message's effect: both commit together, or neither does.
 */
export const inbox = {
  /**
   * True the first time `messageId` is seen, false for a duplicate. A
   * duplicate does not abort the transaction (ON CONFLICT DO NOTHING). While
   * another open transaction holds the same id, this waits for it: false if
   * it commits, true if it rolls back.
   *
   * @example
   * await prisma.$transaction(async (tx) => {
   *   if (!(await inbox.claim(tx, event.id))) return; // handled before
   *   await grantSeat(tx, event.data);
   * });
   */
  async claim(tx: SqlClient, messageId: string): Promise<boolean> {
    const inserted = await tx.$executeRawUnsafe(
      'INSERT INTO inbox_messages (message_id) VALUES ($1::text) ON CONFLICT (message_id) DO NOTHING',
      messageId,
    );
    if (inserted === 1) return true;
    duplicates.add(1);
    return false;
  },

  /**
   * Forgets ids received before `cutoff`; returns how many. Keep them longer
   * than any broker may redeliver (e.g. Kafka's retention).
   */
  async purgeReceivedBefore(db: SqlClient, cutoff: Date): Promise<number> {
    return db.$executeRawUnsafe(
      'DELETE FROM inbox_messages WHERE received_at < $1::timestamptz',
      cutoff,
    );
  },
};
