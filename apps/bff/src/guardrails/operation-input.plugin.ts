import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { getVariableValues, GraphQLError, type ASTNode } from 'graphql';

/**
 * Refuses, with a 400 and a precise code, what Apollo Server leaves to the
 * executor when it runs a gateway: an `operationName` that names no operation
 * of the document (OPERATION_RESOLUTION_FAILURE) and variables that do not
 * coerce to their declared types (BAD_USER_INPUT). List it before the other
 * guardrails: they read the operation and its variables.
 */
export function operationInputPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        // Throws synchronously, so no later plugin sees an unresolved operation.
        didResolveOperation: ({ schema, operation, request }) => {
          if (operation === undefined) {
            throw clientError(
              request.operationName === undefined
                ? 'Must provide operationName when the document holds several operations.'
                : `Unknown operation named "${request.operationName}".`,
              ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
            );
          }
          const { errors } = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
            { maxErrors: 1 },
          );
          const [first] = errors ?? [];
          if (first !== undefined) {
            throw clientError(first.message, ApolloServerErrorCode.BAD_USER_INPUT, first.nodes);
          }
          return Promise.resolve();
        },
      }),
  };
}

function clientError(message: string, code: string, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code, http: { status: 400 } } });
}
