import {
  DEVELOPMENT_PAYMENT_SECRET,
  developmentGatewaySecret,
  gatewayEdge,
  learnerTokenConfig,
  paymentEdge,
} from '../lib/edges.js';
import { LearnerTokens } from '../lib/learner-tokens.js';
import { SignedTokens } from '../lib/signed-tokens.js';

// The development defaults of each secret, as a service on its defaults
// (NODE_ENV=development: the stack, the test harnesses) uses them.
const defaultOf = (field: { parse(value: unknown): unknown }) => field.parse(undefined) as string;

/** Learner tokens as the bff signs them on its development defaults. */
export function developmentLearnerTokens(ttlSeconds = 900): LearnerTokens {
  return new LearnerTokens({
    secret: defaultOf(learnerTokenConfig.JWT_SECRET),
    issuer: defaultOf(learnerTokenConfig.JWT_ISSUER),
    audience: defaultOf(learnerTokenConfig.JWT_AUDIENCE),
    ttlSeconds,
  });
}

/** The gateway → `subgraph` edge on its development secret. */
export function developmentGatewayTokens(subgraph: string): SignedTokens {
  return new SignedTokens({
    secret: developmentGatewaySecret(subgraph),
    ...gatewayEdge(subgraph),
  });
}

/** The checkout → payment edge on its development secret. */
export function developmentPaymentTokens(): SignedTokens {
  return new SignedTokens({
    secret: DEVELOPMENT_PAYMENT_SECRET,
    ...paymentEdge,
  });
}
