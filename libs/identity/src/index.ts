export { BEARER_CHALLENGE, bearerTokenOf } from './lib/bearer.js';
export {
  GATEWAY_TOKEN_HEADER,
  gatewayEdge,
  gatewayTokenSecret,
  learnerTokenConfig,
  paymentEdge,
  paymentTokenSecret,
  SERVICE_TOKEN_METADATA,
  SERVICE_TOKEN_TTL_SECONDS,
} from './lib/edges.js';
export { LearnerTokens, type LearnerTokenSettings } from './lib/learner-tokens.js';
export { ReusedTokens, type ReusedTokenSettings } from './lib/reused-tokens.js';
export {
  InvalidTokenError,
  SignedTokens,
  type IssuedToken,
  type SignedTokenSettings,
} from './lib/signed-tokens.js';
