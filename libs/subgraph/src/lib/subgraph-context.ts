import { unauthenticated } from './subgraph-errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What every resolver of a subgraph gets as its context, per request. */
export interface SubgraphContext<Loaders = unknown> {
  /** The subject of the gateway's signed token; undefined for an anonymous request. */
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

/** The signed-in learner, or an UNAUTHENTICATED error. */
export function requireLearner(context: SubgraphContext): string {
  if (context.learnerId === undefined) throw unauthenticated();
  return context.learnerId;
}
