import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerCatalogRoutes, catalogProblems } from '../catalog/catalog.openapi.js';
import { orderProblems, registerOrderRoutes } from '../orders/orders.openapi.js';
import type { ProblemDoc } from './problem.schema.js';
import { LEARNER_BEARER } from './learner-bearer.openapi.js';
import {
  IDEMPOTENCY_KEY_INVALID,
  IDEMPOTENCY_KEY_REQUIRED,
  IDEMPOTENCY_KEY_REUSED,
  IDEMPOTENCY_REQUEST_IN_PROGRESS,
  INTERNAL_ERROR,
  INVALID_REQUEST,
  UNAUTHENTICATED,
} from './shared-problems.js';

const allProblems: readonly ProblemDoc[] = [
  INVALID_REQUEST,
  INTERNAL_ERROR,
  UNAUTHENTICATED,
  IDEMPOTENCY_KEY_REQUIRED,
  IDEMPOTENCY_KEY_INVALID,
  IDEMPOTENCY_REQUEST_IN_PROGRESS,
  IDEMPOTENCY_KEY_REUSED,
  ...catalogProblems,
  ...orderProblems,
];

function problemTable(): string {
  const unique = new Map(allProblems.map((p) => [p.slug, p]));
  const rows = [...unique.values()].map((p) => `| \`${p.slug}\` | ${p.status} | ${p.title} |`);
  return [
    '| type (under https://course-shop.example/problems/) | status | title |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

/**
 * checkout's REST API as an OpenAPI 3.1 document, generated from the same zod
 * schemas that validate requests and from the real error mappings.
 * Committed as apps/checkout/openapi.json; test/openapi.spec.ts keeps it true.
 */
export function checkoutOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', LEARNER_BEARER, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A learner token (HS256 JWT, subject = learner id), as the bff's `POST /dev/tokens` issues in development.",
  });
  registerCatalogRoutes(registry);
  registerOrderRoutes(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'course-shop checkout',
      version: '1.0.0',
      description: `Courses and orders. Every error is \`application/problem+json\` (RFC 9457) with one of these stable types:\n\n${problemTable()}`,
    },
    servers: [{ url: '/' }],
  });
}
