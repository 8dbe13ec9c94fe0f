import { Logger } from '@nestjs/common';
import type { Problem } from '@shop/platform';
import { IdempotencyKeyStore } from '../http/idempotency-key.store.js';
import { keyReused, requestInProgress } from '../http/idempotency.problems.js';
import { isStoredStatus, type StoredResponse } from '../http/stored-response.js';

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
    switch (claim.outcome) {
      case 'claimed':
        return { kind: 'ran', response: await this.runOnce(claim.token, operation) };
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
    // As @Idempotent: the effect happened, so answer it even if it cannot be remembered.
    try {
      const stored = await this.store.complete(token, response);
      if (!stored) this.logger.warn('an idempotency claim was taken over before it completed');
    } catch (error) {
      this.logger.error(`could not store an idempotent outcome: ${String(error)}`);
    }
    return response;
  }

  private async release(token: string): Promise<void> {
    await this.store.release(token).catch((error: unknown) => {
      this.logger.error(`could not release an idempotency key: ${String(error)}`);
    });
  }
}
