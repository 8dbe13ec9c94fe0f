import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { BEARER_CHALLENGE, bearerTokenOf, InvalidTokenError, LearnerTokens } from '@shop/identity';
import { ProblemException, problemType } from '@shop/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

const learners = new WeakMap<FastifyRequest, string>();

/** The learner `LearnerBearerGuard` verified for this request. */
export function learnerOf(request: FastifyRequest): string {
  const learnerId = learners.get(request);
  if (learnerId === undefined) throw new Error('the route is not behind LearnerBearerGuard');
  return learnerId;
}

/**
 * The route needs a signed-in learner: a valid `Authorization: Bearer` token
 * (the bff's issuer, audience and key). Otherwise 401 problem+json with
 * `WWW-Authenticate: Bearer`, before validation, idempotency or any handler runs.
 */
@Injectable()
export class LearnerBearerGuard implements CanActivate {
  constructor(private readonly tokens: LearnerTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    try {
      learners.set(request, await this.learnerOf(request.headers.authorization));
      return true;
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      const reply = http.getResponse<FastifyReply>();
      const challenge = `${BEARER_CHALLENGE}, error="invalid_token"`;
      void reply.header(
        'www-authenticate',
        error.reason === 'missing' ? BEARER_CHALLENGE : challenge,
      );
      throw new ProblemException({
        type: problemType('unauthenticated'),
        title: 'Sign in first',
        status: 401,
        detail: error.message,
      });
    }
  }

  private async learnerOf(authorization: string | undefined): Promise<string> {
    if (authorization === undefined) throw new InvalidTokenError('missing');
    const token = bearerTokenOf(authorization);
    if (token === undefined) throw new InvalidTokenError('invalid');
    return this.tokens.verify(token);
  }
}
