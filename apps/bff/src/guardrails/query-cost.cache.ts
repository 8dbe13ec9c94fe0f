import { visit, type ASTNode, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** The arguments a cost estimator reads (`paginatedCost`: the page size). */
export const COST_ARGUMENTS: ReadonlySet<string> = new Set(['first']);

// Per parsed document (Apollo Server keeps one per query hash): the variables its cost reads.
const costVariablesOf = new WeakMap<DocumentNode, readonly string[]>();

/**
 * The variables a document's cost depends on: those in a cost argument
 * (`first: $n`) and those in a directive (`@include(if: $x)` drops or keeps a
 * selection). Every other variable (an id, a search term) cannot change it.
 */
export function costVariables(document: DocumentNode): readonly string[] {
  const known = costVariablesOf.get(document);
  if (known !== undefined) return known;
  const names = new Set<string>();
  const collect = (node: ASTNode) => {
    visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  };
  visit(document, {
    Field: (field) => {
      for (const argument of field.arguments ?? [])
        if (COST_ARGUMENTS.has(argument.name.value)) collect(argument.value);
    },
    Directive: (directive) => {
      collect(directive);
    },
  });
  const sorted = [...names].sort();
  costVariablesOf.set(document, sorted);
  return sorted;
}

/**
 * Costs already computed, by query hash, operation and the values of the
 * variables the cost depends on: a persisted query read with another id is a
 * hit, the same query with another page size is costed again.
 */
export class QueryCostCache {
  private readonly costs: LRUCache<string, number>;

  constructor(max: number) {
    this.costs = new LRUCache({ max });
  }

  costOf(
    request: {
      readonly queryHash: string;
      readonly document: DocumentNode;
      readonly operationName: string | undefined;
      readonly variables: Readonly<Record<string, unknown>>;
    },
    compute: () => number,
  ): number {
    const values = Object.fromEntries(
      costVariables(request.document).map((name) => [name, request.variables[name]]),
    );
    const key = JSON.stringify([request.queryHash, request.operationName ?? null, values]);
    const known = this.costs.get(key);
    if (known !== undefined) return known;
    const cost = compute();
    this.costs.set(key, cost);
    return cost;
  }
}
