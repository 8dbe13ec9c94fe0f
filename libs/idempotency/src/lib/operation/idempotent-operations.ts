import { Logger } from '@nestjs/common';
import type { Problem } from '@shop/platform';
import { IdempotencyKeyStore } from '../http/idempotency-key.store.js';
import { keyReused, requestInProgress } from '../http/idempotency.problems.js';
import { isStoredStatus, type StoredResponse } from '../http/stored-response.js';
import { KeyNotClaimedError, TransactionalKey, type KeyRefusal } from './transactional-key.js';

/** One run of an operation under its key: who may reuse it, the key, and what "the same request" is. */
export interface KeyedRequest {
  readonly scope: string;
  readonly key: string;
  /** E.g. `fingerprintRequest(…)` of the operation's name and input, caller included. */
  readonly fingerprint: string;
}

/** What happened to one keyed request. */
export type KeyedOutcome =
  /** The operation ran now; its outcome is remembered if `isStoredStatus(status)`. */
  | { readonly kind: 'ran'; readonly response: StoredResponse }
  /** It ran before: the remembered outcome, not a fresh run. */
  | { readonly kind: 'replayed'; readonly response: StoredResponse }
  /** The key belongs to another request (another input or caller). */
  | { readonly kind: 'reused'; readonly problem: Problem }
  /** The same request is running elsewhere right now. */
  | { readonly kind: 'in-flight'; readonly problem: Problem; readonly retryAfterSeconds: number };

/**
 * `@Idempotent`'s protocol for transports other than a REST route, e.g. a
 * GraphQL mutation: the same store, the same atomic claim, the same rule of
 * which outcomes are remembered (`isStoredStatus`) and the same problems. The
 * operation states its outcome as a status and a serialized body; whatever
 * it answers first is what every replay answers.
 */
export class IdempotentOperations {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyKeyStore,
    private readonly retryAfterSeconds = 1,
  ) {}

  async run(
    request: KeyedRequest,
    operation: () => Promise<StoredResponse>,
  ): Promise<KeyedOutcome> {
    const claim = await this.store.claim(request.scope, request.key, request.fingerprint);
    if (claim.outcome === 'claimed') {
      return { kind: 'ran', response: await this.runOnce(claim.token, operation) };
    }
    return this.refused(claim);
  }

  /**
   * `run`, with the key claimed and completed inside the operation's own
   * transactions (ADR 0040): the operation gets the key, calls `claimIn(tx)`
   * in the transaction of its first effect and `completeIn(tx, response)` in
   * the one of its outcome, and reports each of them committed or rolled back.
   * A refused claim (KeyNotClaimedError) rolls that transaction back and
   * becomes the outcome here. Whatever the operation did not do in its
   * transactions is done as `run` does it, in commits of its own: the
   * completion of an outcome reached without a transaction (a retry that
   * found its order done), or the claim and completion of an outcome reached
   * before any (a 422 from validation against the catalog).
   */
  async runInTransactions(
    request: KeyedRequest,
    operation: (key: TransactionalKey) => Promise<StoredResponse>,
  ): Promise<KeyedOutcome> {
    const key = new TransactionalKey(this.store, request, () => {
      this.logger.warn('an idempotency claim was taken over while its operation ran');
    });
    let response: StoredResponse;
    try {
      response = await operation(key);
    } catch (error) {
      key.stop();
      if (error instanceof KeyNotClaimedError) return this.refused(error.refusal);
      await this.releaseHeld(key);
      throw error;
    }
    key.stop();
    const stored = key.storedResponse;
    if (stored) return { kind: 'ran', response: stored };
    if (!isStoredStatus(response.status)) {
      await this.releaseHeld(key);
      return { kind: 'ran', response };
    }
    const token = key.heldToken;
    if (token !== undefined) return { kind: 'ran', response: await this.remember(token, response) };
    // Nothing was claimed, so nothing was done under the key: claim it now to remember the outcome.
    const claim = await this.store.claim(request.scope, request.key, request.fingerprint);
    if (claim.outcome === 'claimed') {
      return { kind: 'ran', response: await this.remember(claim.token, response) };
    }
    return this.refused(claim);
  }

  private refused(claim: KeyRefusal): KeyedOutcome {
    switch (claim.outcome) {
      case 'completed':
        return { kind: 'replayed', response: claim.response };
      case 'reused':
        return { kind: 'reused', problem: keyReused().problem };
      case 'in-flight':
        return {
          kind: 'in-flight',
          problem: requestInProgress(this.retryAfterSeconds).problem,
          retryAfterSeconds: this.retryAfterSeconds,
        };
    }
  }

  private async runOnce(token: string, operation: () => Promise<StoredResponse>) {
    const stopHeartbeat = this.store.keepAlive(token, () => {
      this.logger.warn('an idempotency claim was taken over while its operation ran');
    });
    try {
      return await this.runHeld(token, operation);
    } finally {
      stopHeartbeat();
    }
  }

  private async runHeld(token: string, operation: () => Promise<StoredResponse>) {
    let response: StoredResponse;
    try {
      response = await operation();
    } catch (error) {
      await this.release(token);
      throw error;
    }
    if (!isStoredStatus(response.status)) {
      await this.release(token);
      return response;
    }
    return this.remember(token, response);
  }

  // As @Idempotent: the effect happened, so answer it even if it cannot be remembered.
  private async remember(token: string, response: StoredResponse): Promise<StoredResponse> {
    try {
      const stored = await this.store.complete(token, response);
      if (!stored) this.logger.warn('an idempotency claim was taken over before it completed');
    } catch (error) {
      this.logger.error(`could not store an idempotent outcome: ${String(error)}`);
    }
    return response;
  }

  private async releaseHeld(key: TransactionalKey): Promise<void> {
    const token = key.heldToken;
    if (token !== undefined) await this.release(token);
  }

  private async release(token: string): Promise<void> {
    await this.store.release(token).catch((error: unknown) => {
      this.logger.error(`could not release an idempotency key: ${String(error)}`);
    });
  }
}
