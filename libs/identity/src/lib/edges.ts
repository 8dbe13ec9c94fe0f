import { secret, text } from '@shop/config';

// Each edge between two services has its own issuer, audience and HS256 key:
// a token for one edge is refused on every other (ADR 0024).

/** How long a service token lives: one request, plus clock skew. */
export const SERVICE_TOKEN_TTL_SECONDS = 60;

/** The header a subgraph reads the gateway's token from. */
export const GATEWAY_TOKEN_HEADER = 'x-gateway-token';

/** The gRPC metadata key checkout's token to payment travels in. */
export const SERVICE_TOKEN_METADATA = 'authorization';

/** The gateway → subgraph edge of one subgraph: issuer bff, audience that subgraph. */
export function gatewayEdge(subgraph: string) {
  return {
    issuer: 'course-shop-bff',
    audience: `course-shop-${subgraph}-subgraph`,
    ttlSeconds: SERVICE_TOKEN_TTL_SECONDS,
  } as const;
}

/** The checkout → payment edge. */
export const paymentEdge = {
  issuer: 'course-shop-checkout',
  audience: 'course-shop-payment',
  ttlSeconds: SERVICE_TOKEN_TTL_SECONDS,
} as const;

/** The secret of the gateway → `subgraph` edge, as both ends read it. */
export const gatewayTokenSecret = (subgraph: string, description: string) =>
  secret(developmentGatewaySecret(subgraph), description);

/** The secret of the checkout → payment edge, as both ends read it. */
export const paymentTokenSecret = (description: string) =>
  secret(DEVELOPMENT_PAYMENT_SECRET, description);

/** The public development default of the gateway → `subgraph` secret. */
export const developmentGatewaySecret = (subgraph: string) =>
  `dev-only-gateway-to-${subgraph}-subgraph-secret-change-me`;

/** The public development default of the checkout → payment secret. */
export const DEVELOPMENT_PAYMENT_SECRET = 'dev-only-checkout-to-payment-secret-change-me';

/** The learner token settings the bff and checkout share (same keys, issuer, audience). */
export const learnerTokenConfig = {
  JWT_SECRET: secret(
    'dev-only-secret-of-course-shop-bff-change-me',
    'HS256 key that signs and verifies learner tokens (the bff and checkout share it).',
  ),
  JWT_ISSUER: text(
    'course-shop-bff',
    'Issuer (`iss`) of learner tokens, checked on every request.',
  ),
  JWT_AUDIENCE: text(
    'course-shop',
    'Audience (`aud`) of learner tokens, checked on every request.',
  ),
};
