import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import type { ValidationRule } from 'graphql';
import { reportArmorRejection } from './armor-rejection.js';

/**
 * Refuses an operation with more than `maxAliases` aliases while validating
 * it, before the gateway plans it (graphql-armor's alias rule). Aliases are
 * what lets one query repeat a field: without them a selection holds each
 * root or entity field once, so this bounds the root fields too. Fragments
 * count as the aliases they hold, once per spread; `__typename` is exempt.
 * Each alias of an entity field may become a subgraph fetch of its own, and
 * planning hundreds of them is itself work: the alias count is checked before
 * any of that, and the fetch budget (subgraph-fetch-budget.ts) catches what
 * fans out within it.
 */
export function queryAliasesRule(maxAliases: number): ValidationRule {
  return maxAliasesRule({
    n: maxAliases,
    propagateOnRejection: false, // reported once, by reportArmorRejection
    onReject: [reportArmorRejection('MAX_QUERY_ALIASES', maxAliases)],
  });
}
