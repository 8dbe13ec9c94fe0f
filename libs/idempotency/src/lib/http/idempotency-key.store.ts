import type { SqlClient } from '../sql/sql-client.js';
import {
  CLAIM_SQL,
  COMPLETE_SQL,
  PURGE_EXPIRED_SQL,
  READ_SQL,
  RELEASE_SQL,
  RENEW_SQL,
  type KeyRow,
} from './idempotency-key.sql.js';
import type { StoredResponse } from './stored-response.js';

/** What a request may do with its key. */
export type KeyClaim =
  /** Run the handler, then `complete` or `release` with this token. */
  | { readonly outcome: 'claimed'; readonly token: string }
  /** The same request is running elsewhere right now. */
  | { readonly outcome: 'in-flight' }
  /** The key belongs to a request with another fingerprint. */
  | { readonly outcome: 'reused' }
  /** Done before: send this response again. */
  | { readonly outcome: 'completed'; readonly response: StoredResponse };

export interface IdempotencyKeyStoreOptions {
  /** How long a key is remembered after its first use. Default 24 h (Stripe's). */
  readonly ttlMs?: number;
  /**
   * How long a claim stays in flight without a heartbeat before the same
   * request may take it over, so a crashed server does not block a key until
   * it expires. A live runner renews it every third of it (`keepAlive`), so it
   * bounds how long clients of a dead runner get 409, not how long a handler
   * may run. Default 10 s.
   */
  readonly inFlightLeaseMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Idempotency keys in the `idempotency_keys` table. Safe to use from many processes at once. */
export class IdempotencyKeyStore {
  private readonly ttlMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly db: SqlClient,
    options: IdempotencyKeyStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DAY_MS;
    this.leaseMs = options.inFlightLeaseMs ?? 10_000;
  }

  /** Claims the key for this request atomically, or says why not. */
  claim(scope: string, key: string, fingerprint: string): Promise<KeyClaim> {
    return this.claimIn(this.db, scope, key, fingerprint);
  }

  /**
   * `claim` inside the caller's transaction `tx`: the claim commits (or rolls
   * back) with the rest of it. Until then other claimers of the key wait on
   * its unique index, then see the outcome.
   */
  async claimIn(tx: SqlClient, scope: string, key: string, fingerprint: string): Promise<KeyClaim> {
    // A row may be released or expire between the two statements: look again, a few times.
    for (let attempt = 0; attempt < 3; attempt++) {
      const [claimed] = await tx.$queryRawUnsafe<{ token: string }[]>(
        CLAIM_SQL,
        scope,
        key,
        fingerprint,
        this.ttlMs,
        this.leaseMs,
      );
      if (claimed) return { outcome: 'claimed', token: claimed.token };
      const [row] = await tx.$queryRawUnsafe<KeyRow[]>(READ_SQL, scope, key);
      const decided = row && decide(row, fingerprint);
      if (decided) return decided;
    }
    return { outcome: 'in-flight' };
  }

  /** Remembers the response; false when the claim was lost (its lease ran out and another took it). */
  complete(token: string, response: StoredResponse): Promise<boolean> {
    return this.completeIn(this.db, token, response);
  }

  /** `complete` inside the caller's transaction `tx`, e.g. the one of the outcome's own effect. */
  async completeIn(tx: SqlClient, token: string, response: StoredResponse): Promise<boolean> {
    const updated = await tx.$executeRawUnsafe(
      COMPLETE_SQL,
      token,
      response.status,
      response.body,
      JSON.stringify(response.headers),
    );
    return updated === 1;
  }

  /** Extends the claim's lease by a full lease from now; false when it was lost (taken over) or ended. */
  async renew(token: string): Promise<boolean> {
    return (await this.db.$executeRawUnsafe(RENEW_SQL, token, this.leaseMs)) === 1;
  }

  /**
   * The heartbeat of a running handler: renews the claim every third of the
   * lease until the returned function is called. If the claim was lost (the
   * process stalled past its lease and another took over), calls `onLost` and
   * stops; its `complete` will then be refused.
   */
  keepAlive(token: string, onLost: () => void): () => void {
    const timer = setInterval(
      () => {
        this.renew(token).then(
          (held) => {
            if (held) return;
            clearInterval(timer);
            onLost();
          },
          // A failed renewal is tried again at the next beat; the lease covers two misses.
          () => undefined,
        );
      },
      Math.max(1, Math.floor(this.leaseMs / 3)),
    );
    timer.unref();
    return () => {
      clearInterval(timer);
    };
  }

  /** Forgets the claim, so the client may retry with the same key. */
  async release(token: string): Promise<void> {
    await this.db.$executeRawUnsafe(RELEASE_SQL, token);
  }

  /** Deletes expired keys in batches; returns how many. Run it periodically. */
  async purgeExpired(batchSize = 1_000): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.db.$executeRawUnsafe(PURGE_EXPIRED_SQL, batchSize);
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }
}

// Undefined means "claimable after all": the next CLAIM will take it over.
function decide(row: KeyRow, fingerprint: string): KeyClaim | undefined {
  if (row.expired) return undefined;
  if (row.fingerprint !== fingerprint) return { outcome: 'reused' };
  if (row.state === 'IN_FLIGHT') return row.lease_over ? undefined : { outcome: 'in-flight' };
  return { outcome: 'completed', response: storedResponse(row) };
}

function storedResponse(row: KeyRow): StoredResponse {
  const headers: Record<string, string> = {};
  const parsed: unknown = JSON.parse(row.headers ?? '{}');
  if (typeof parsed === 'object' && parsed !== null) {
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'string') headers[name] = value;
    }
  }
  return { status: row.status ?? 500, headers, body: row.body ?? '' };
}
