import {
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from './idempotency-key.js';
import { IdempotencyKeyStore } from './idempotency-key.store.js';
import { countIdempotentRequest } from './idempotency.metrics.js';
import { bodyNotIJson, keyReused, requestInProgress } from './idempotency.problems.js';
import { IDEMPOTENT_OPTIONS, type IdempotentOptions } from './idempotent.metadata.js';
import { BodyNotIJsonError, fingerprintRequest } from './request-fingerprint.js';
import { responseOfFailure, responseOfResult } from './response-capture.js';
import { toWebResponse, type StoredResponse } from './stored-response.js';
import { IdempotentOperations } from '../operation/idempotent-operations.js';
import { keyHeldBy } from './idempotency-key.param.js';

/** Seconds a client is told to wait (Retry-After) while the first request is in flight. */
export const IDEMPOTENCY_RETRY_AFTER = Symbol('IDEMPOTENCY_RETRY_AFTER');

/**
 * Runs an `@Idempotent` handler at most once per key. The response is built
 * here, first time and replays alike, and returned as a web `Response` so
 * that Nest sends exactly its status, headers and bytes.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly reflector: Reflector,
    @Inject(IdempotencyKeyStore) private readonly store: IdempotencyKeyStore,
    @Inject(IDEMPOTENCY_RETRY_AFTER) private readonly retryAfterSeconds: number,
    @Inject(IdempotentOperations) private readonly operations: IdempotentOperations,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // @Idempotent applies it per route; used on a handler without those options, it stands aside.
    const options = this.reflector.get(IDEMPOTENT_OPTIONS, context.getHandler()) as
      IdempotentOptions | undefined;
    if (options === undefined || context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const caller = options.callerOf?.(request);
    const reply = http.getResponse<FastifyReply>();
    return from(
      options.inTransactions
        ? this.handleInTransactions(options.scope, caller, request, reply, next)
        : this.handle(options.scope, caller, request, reply, next),
    );
  }

  // The handler claims and completes the key in its own transactions
  // (`@IdempotencyKeyParam()`); the protocol is IdempotentOperations'.
  private async handleInTransactions(
    scope: string,
    caller: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<Response> {
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    const fingerprint = fingerprintOf(request, caller);
    const outcome = await this.operations.runInTransactions(
      { scope, key, fingerprint },
      async (held) => {
        keyHeldBy.set(request, held);
        try {
          return responseOfResult(
            await lastValueFrom(next.handle(), { defaultValue: undefined }),
            reply,
          );
        } catch (error) {
          const failure = responseOfFailure(error);
          if (!failure) throw error;
          return failure;
        }
      },
    );
    switch (outcome.kind) {
      case 'ran':
        countIdempotentRequest(scope, 'claimed');
        return toWebResponse(outcome.response, false);
      case 'replayed':
        countIdempotentRequest(scope, 'replayed');
        return toWebResponse(outcome.response, true);
      case 'reused':
      case 'in-flight':
        return this.refuse(scope, outcome.kind, reply);
    }
  }

  private async handle(
    scope: string,
    caller: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<Response> {
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    const fingerprint = fingerprintOf(request, caller);
    const claim = await this.store.claim(scope, key, fingerprint);
    switch (claim.outcome) {
      case 'claimed':
        countIdempotentRequest(scope, 'claimed');
        return this.runOnce(claim.token, reply, next);
      case 'completed':
        countIdempotentRequest(scope, 'replayed');
        return toWebResponse(claim.response, true);
      case 'reused':
      case 'in-flight':
        return this.refuse(scope, claim.outcome, reply);
    }
  }

  /** A refused claim: the key was sent with another request (422), or its request still runs (409). */
  private refuse(scope: string, outcome: 'reused' | 'in-flight', reply: FastifyReply): never {
    if (outcome === 'reused') {
      countIdempotentRequest(scope, 'reused');
      throw keyReused();
    }
    countIdempotentRequest(scope, 'in_flight');
    void reply.header('retry-after', String(this.retryAfterSeconds));
    throw requestInProgress(this.retryAfterSeconds);
  }

  private async runOnce(token: string, reply: FastifyReply, next: CallHandler): Promise<Response> {
    const stopHeartbeat = this.store.keepAlive(token, () => {
      this.logger.warn('an idempotency claim was taken over while its handler ran');
    });
    try {
      return await this.runHeld(token, reply, next);
    } finally {
      stopHeartbeat();
    }
  }

  private async runHeld(token: string, reply: FastifyReply, next: CallHandler): Promise<Response> {
    let response: StoredResponse;
    try {
      response = responseOfResult(
        await lastValueFrom(next.handle(), { defaultValue: undefined }),
        reply,
      );
    } catch (error) {
      const failure = responseOfFailure(error);
      if (!failure) {
        await this.store.release(token).catch((releaseError: unknown) => {
          this.logger.error(`could not release an idempotency key: ${String(releaseError)}`);
        });
        throw error;
      }
      response = failure;
    }
    await this.remember(token, response);
    return toWebResponse(response, false);
  }

  // The effect happened: answer it even when it cannot be remembered. A retry
  // then gets 409 until the lease runs out, and runs the handler again after.
  private async remember(token: string, response: StoredResponse): Promise<void> {
    try {
      const stored = await this.store.complete(token, response);
      if (!stored) this.logger.warn('an idempotency claim was taken over before it completed');
    } catch (error) {
      this.logger.error(`could not store an idempotent response: ${String(error)}`);
    }
  }
}

// Runs before the route's validation pipes (an interceptor precedes them), so
// a body it cannot canonicalize is refused here as invalid, before any key is claimed.
function fingerprintOf(request: FastifyRequest, caller: string | undefined): string {
  try {
    const { method, url, body } = request;
    return fingerprintRequest({ method, url, body, ...(caller === undefined ? {} : { caller }) });
  } catch (error) {
    if (error instanceof BodyNotIJsonError) throw bodyNotIJson(error.message);
    throw error;
  }
}
