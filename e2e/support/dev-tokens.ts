import { developmentGatewayTokens, developmentLearnerTokens } from '@shop/identity/testing';

// The stack runs on the development defaults; a client signs its own tokens
// with them, as the bff's POST /dev/tokens (or the gateway) would.
const learnerTokens = developmentLearnerTokens();

/** `Bearer <token>` for a learner, as the bff's dev endpoint would sign it. */
export async function learnerAuthorization(learnerId: string): Promise<string> {
  return `Bearer ${(await learnerTokens.issue(learnerId)).token}`;
}

/** The token the gateway would send the subgraph on behalf of a learner (or nobody). */
export async function gatewayTokenFor(
  subgraph: string,
  learnerId: string | undefined,
): Promise<string> {
  return (await developmentGatewayTokens(subgraph).issue(learnerId)).token;
}
