import { GraphQLError } from 'graphql';
import { bearerTokenOf, InvalidTokenError, type LearnerTokens } from '@shop/identity';

/**
 * The learner behind a request: none without an Authorization header (the
 * catalog is public), the token's subject with a valid bearer token, and an
 * UNAUTHENTICATED error (HTTP 401) for a malformed, forged or expired one.
 */
export async function identifyLearner(
  authorization: string | undefined,
  tokens: LearnerTokens,
): Promise<string | undefined> {
  if (authorization === undefined) return undefined;
  const token = bearerTokenOf(authorization);
  if (token === undefined) throw unauthenticated('Authorization must be "Bearer <token>".');
  try {
    return await tokens.verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
    throw error;
  }
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}
