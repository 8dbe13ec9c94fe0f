import { GraphQLError, type ValidationContext } from 'graphql';

/**
 * graphql-armor's `onReject` for one of our limits: reports the refusal as a
 * validation error of its own, without the library's misleading
 * "Syntax Error:" prefix, naming the limit (`extensions.limit`) and its
 * maximum. Pair it with `propagateOnRejection: false`, or armor reports the
 * error a second time.
 */
export function reportArmorRejection(limit: string, maximum: number) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        nodes: error.nodes,
        extensions: { limit, maximum },
      }),
    );
  };
}
