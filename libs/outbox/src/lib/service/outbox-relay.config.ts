import { flag, positiveInt } from '@shop/config';

/**
 * The relay's settings, the same names in every producer: spread into the
 * service's config schema (`z.object({ ...outboxRelayConfig, … })`).
 */
export const outboxRelayConfig = {
  OUTBOX_RELAY_ENABLED: flag(
    true,
    'Run the outbox relay in this process (off: rows stay in `outbox_messages` for another relay).',
  ),
  OUTBOX_POLL_INTERVAL_MS: positiveInt(
    1_000,
    'How often the relay looks for due rows when no NOTIFY woke it.',
  ),
  OUTBOX_MAX_LAG_MS: positiveInt(
    60_000,
    'Readiness fails when the oldest unsent outbox row is older than this (a broker has been unreachable).',
  ),
};

/** What `outboxRelay` reads from the service's parsed config. */
export interface OutboxRelayConfig {
  readonly DATABASE_URL: string;
  readonly OUTBOX_RELAY_ENABLED: boolean;
  readonly OUTBOX_POLL_INTERVAL_MS: number;
  readonly OUTBOX_MAX_LAG_MS: number;
}
