import {
  accountFor,
  eventIdsOf,
  handledIn,
  type BatchAccount,
  type Verdict,
} from './batch-account.js';
import type { HostileMessage } from './hostile-messages.js';
import type { KafkaTestClient } from './kafka-test-client.js';

export interface KafkaBatchAccount extends BatchAccount {
  /** The consumer groups named by the batch's dead letters: the consumer's own, and only it. */
  readonly deadLetterGroups: ReadonlySet<string>;
}

/**
 * Accounts for a batch sent to a Kafka consumer (`accountFor`), once a dead
 * letter of every message `verdictOf` refuses was read from `client`'s DLQ:
 * `handledIds` answers which of the valid messages' event ids the consumer's
 * inbox holds. Call it once the consumer handled a valid message sent behind
 * the batch.
 */
export async function accountForKafkaBatch(
  client: KafkaTestClient,
  batch: readonly HostileMessage[],
  verdictOf: (message: HostileMessage) => Verdict,
  handledIds: (eventIds: string[]) => Promise<ReadonlySet<string>>,
): Promise<KafkaBatchAccount> {
  await client.untilDeadLettered(batch.filter((m) => verdictOf(m) !== 'accepted'));
  const handled = await handledIds(eventIdsOf(batch));
  const parked = client.deadLettersOf(batch);
  return {
    ...accountFor(batch, parked, verdictOf, handledIn(handled)),
    deadLetterGroups: new Set(parked.map((d) => d.group)),
  };
}
