import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutOpenApiDocument } from '../src/openapi/checkout.openapi.js';
import { startCheckoutTestApp, type CheckoutTestApp } from './support/checkout-test.app.js';

// Served by checkout but not REST: the probes, Prometheus's scrape (docs/metrics.md) and
// the GraphQL subgraph (its SDL is its contract).
const NOT_IN_OPENAPI = new Set([
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  'GET /graphql',
  'POST /graphql',
]);
const HTTP_VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

describe('checkout OpenAPI document', () => {
  let checkout: CheckoutTestApp;
  beforeAll(async () => {
    checkout = await startCheckoutTestApp();
  }, 60_000);
  afterAll(async () => {
    await checkout.stop();
  });

  // Regenerate with `pnpm vitest run -u` in this folder, and commit the result.
  it('is committed as openapi.json exactly as the code generates it', async () => {
    const document = `${JSON.stringify(checkoutOpenApiDocument(), null, 2)}\n`;
    await expect(document).toMatchFileSnapshot('../openapi.json');
  });

  it('documents exactly the routes Nest registers, no more and no fewer', () => {
    const { paths = {} } = checkoutOpenApiDocument();
    const documented = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .map((verb) => verb.toUpperCase())
        .filter((verb) => HTTP_VERBS.has(verb))
        .map((verb) => `${verb} ${path}`),
    );
    // Fastify spells path parameters `:id`, OpenAPI `{id}`; HEAD mirrors every GET.
    const registered = checkout.routes
      .map((route) => route.replace(/:(\w+)/g, '{$1}'))
      .filter((route) => HTTP_VERBS.has(route.split(' ')[0]!) && !NOT_IN_OPENAPI.has(route));
    expect([...new Set(registered)].sort()).toEqual(documented.sort());
  });

  it('documents every problem type a route can answer with', () => {
    const text = JSON.stringify(checkoutOpenApiDocument().paths);
    for (const slug of [
      'payment-declined',
      'payment-unavailable',
      'unknown-course',
      'order-not-found',
      'idempotency-key-reused',
    ]) {
      expect(text).toContain(`https://course-shop.example/problems/${slug}`);
    }
  });
});
