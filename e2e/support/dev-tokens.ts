import { loadConfig, z } from '@shop/config';
import {
  gatewayEdge,
  gatewayTokenSecret,
  LearnerTokens,
  learnerTokenConfig,
  SignedTokens,
} from '@shop/identity';

// The stack runs on the development defaults; a client signs its own tokens
// with them, as the bff's POST /dev/tokens would.
const development = { NODE_ENV: 'development' };
const learnerSettings = loadConfig('e2e', z.object(learnerTokenConfig), development);

const learnerTokens = new LearnerTokens({
  secret: learnerSettings.JWT_SECRET,
  issuer: learnerSettings.JWT_ISSUER,
  audience: learnerSettings.JWT_AUDIENCE,
  ttlSeconds: 900,
});

/** `Bearer <token>` for a learner, as the bff's dev endpoint would sign it. */
export async function learnerAuthorization(learnerId: string): Promise<string> {
  return `Bearer ${(await learnerTokens.issue(learnerId)).token}`;
}

/** The token the gateway would send the subgraph on behalf of a learner (or nobody). */
export async function gatewayTokenFor(
  subgraph: string,
  learnerId: string | undefined,
): Promise<string> {
  const { SECRET } = loadConfig(
    'e2e',
    z.object({ SECRET: gatewayTokenSecret(subgraph, 'the gateway edge') }),
    development,
  );
  const tokens = new SignedTokens({ secret: SECRET, ...gatewayEdge(subgraph) });
  return (await tokens.issue(learnerId)).token;
}
