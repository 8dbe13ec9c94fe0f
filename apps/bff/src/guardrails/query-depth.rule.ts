import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ValidationRule } from 'graphql';
import { reportArmorRejection } from './armor-rejection.js';

/**
 * Refuses a query nested deeper than `maxDepth` while validating it, before
 * any subgraph is called (graphql-armor's depth rule). Fragments count as the
 * selections they stand for; introspection is exempt.
 */
export function queryDepthRule(maxDepth: number): ValidationRule {
  return maxDepthRule({
    n: maxDepth,
    flattenFragments: true,
    propagateOnRejection: false, // reported once, by reportArmorRejection
    onReject: [reportArmorRejection('MAX_QUERY_DEPTH', maxDepth)],
  });
}
