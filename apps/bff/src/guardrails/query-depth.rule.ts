import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * Refuses a query nested deeper than `maxDepth` while validating it, before
 * any subgraph is called (graphql-armor's depth rule). Fragments count as the
 * selections they stand for; introspection is exempt.
 */
export function queryDepthRule(maxDepth: number): ValidationRule {
  return maxDepthRule({
    n: maxDepth,
    flattenFragments: true,
    // Report the error ourselves, to drop the library's misleading
    // "Syntax Error:" prefix and say which limit it was.
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
            nodes: error.nodes,
            extensions: { limit: 'MAX_QUERY_DEPTH', maximum: maxDepth },
          }),
        );
      },
    ],
  });
}
