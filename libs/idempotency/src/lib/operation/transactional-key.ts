import type { SqlClient } from '../sql/sql-client.js';
import type { IdempotencyKeyStore, KeyClaim } from '../http/idempotency-key.store.js';
import type { StoredResponse } from '../http/stored-response.js';
import type { KeyedRequest } from './idempotent-operations.js';

/** Why a key could not be claimed: someone else holds it, completed it, or it names another request. */
export type KeyRefusal = Exclude<KeyClaim, { readonly outcome: 'claimed' }>;

/**
 * Thrown by `claimIn` when the key is not this request's to run: the caller's
 * transaction must roll back (let it propagate), and the runner answers the
 * refusal (409, the replay, 422).
 */
export class KeyNotClaimedError extends Error {
  constructor(readonly refusal: KeyRefusal) {
    super(`the idempotency key was not claimed: ${refusal.outcome}`);
  }
}

/**
 * A request's key, claimed and completed inside the operation's own
 * transactions instead of in commits of its own (ADR 0040): the claim commits
 * with the first effect (an order row, its outbox message) and the stored
 * response with the last, so a key costs no commit of its own on the way.
 *
 * The protocol is `IdempotentOperations.run`'s: one atomic claim statement,
 * the lease and its heartbeat, the token as fence. Only the moments change,
 * and with them one duty of the transaction's owner: report each transaction
 * that used the key with `committed()` or `rolledBack()` — what `claimIn` and
 * `completeIn` wrote is in effect only once its transaction commits (the
 * heartbeat starts then; before, no other session can see the row it renews).
 */
export class TransactionalKey {
  private token: string | undefined;
  private response: StoredResponse | undefined;
  private pending: { token?: string; response?: StoredResponse } = {};
  private stopHeartbeat: () => void = () => undefined;

  constructor(
    private readonly store: IdempotencyKeyStore,
    readonly request: KeyedRequest,
    private readonly onLost: () => void,
  ) {}

  /** The token of a committed claim, if this request holds the key. */
  get heldToken(): string | undefined {
    return this.token;
  }

  /** The response stored in a committed transaction: what the request answers, and every replay. */
  get storedResponse(): StoredResponse | undefined {
    return this.response;
  }

  /**
   * Claims the key in `tx` (the same statement as `IdempotencyKeyStore.claim`;
   * a concurrent claimer waits on the key's unique index until this
   * transaction ends). Throws KeyNotClaimedError when the key is not this
   * request's; a second call once claimed does nothing.
   */
  async claimIn(tx: SqlClient): Promise<void> {
    if (this.token !== undefined || this.pending.token !== undefined) return;
    const { scope, key, fingerprint } = this.request;
    const claim = await this.store.claimIn(tx, scope, key, fingerprint);
    if (claim.outcome !== 'claimed') throw new KeyNotClaimedError(claim);
    this.pending.token = claim.token;
  }

  /**
   * Stores `response` as the request's outcome in `tx`, which must be the
   * transaction of the outcome's effect. False when the claim was lost (taken
   * over after its lease ran out): the effect still commits, the new holder's
   * answer is the one remembered.
   */
  async completeIn(tx: SqlClient, response: StoredResponse): Promise<boolean> {
    const token = this.pending.token ?? this.token;
    if (token === undefined) throw new Error('completeIn needs a claim: call claimIn first');
    const stored = await this.store.completeIn(tx, token, response);
    if (stored) this.pending.response = response;
    return stored;
  }

  /** The transaction that ran `claimIn` / `completeIn` committed. */
  committed(): void {
    const { token, response } = this.pending;
    this.pending = {};
    if (token !== undefined) {
      this.token = token;
      this.stopHeartbeat = this.store.keepAlive(token, this.onLost);
    }
    if (response !== undefined) {
      this.response = response;
      this.stopHeartbeat();
    }
  }

  /** The transaction rolled back: whatever it claimed or stored never happened. */
  rolledBack(): void {
    this.pending = {};
  }

  /** Ends the heartbeat; the runner calls it when the operation returns. */
  stop(): void {
    this.stopHeartbeat();
  }
}
