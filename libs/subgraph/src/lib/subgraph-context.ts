import { LEARNER_ID_HEADER } from '@shop/contracts';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from './subgraph-errors.js';

// The learner header is part of the GraphQL contract (@shop/contracts).
export { LEARNER_ID_HEADER };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What every resolver of a subgraph gets as its context, per request. */
export interface SubgraphContext<Loaders = unknown> {
  /** From `x-learner-id`; undefined when absent or not a UUID. */
  readonly learnerId: string | undefined;
  /** This request's DataLoaders: batches live for one request only, so no data leaks between learners. */
  readonly loaders: Loaders;
}

/**
 * Whether an id is a UUID. Ids from clients and representations reach
 * PostgreSQL's uuid columns only when they are: anything else is "no such row".
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The learner id of a request, if it carries a well-formed one. */
export function learnerIdOf(request: FastifyRequest): string | undefined {
  const value = request.headers[LEARNER_ID_HEADER];
  return typeof value === 'string' && isUuid(value) ? value.toLowerCase() : undefined;
}

/** The signed-in learner, or an UNAUTHENTICATED error. */
export function requireLearner(context: SubgraphContext): string {
  if (context.learnerId === undefined) throw unauthenticated();
  return context.learnerId;
}
