import { describe, expect, it } from 'vitest';
import { checkoutOpenApiDocument } from '../src/openapi/checkout.openapi.js';

describe('checkout OpenAPI document', () => {
  // Regenerate with `pnpm vitest run -u` in this folder, and commit the result.
  it('is committed as openapi.json exactly as the code generates it', async () => {
    const document = `${JSON.stringify(checkoutOpenApiDocument(), null, 2)}\n`;
    await expect(document).toMatchFileSnapshot('../openapi.json');
  });

  it('documents every route with its problem types', () => {
    const { paths = {} } = checkoutOpenApiDocument();
    expect(Object.keys(paths).sort()).toEqual([
      '/v1/courses',
      '/v1/courses/{id}',
      '/v1/orders',
      '/v1/orders/{id}',
    ]);
    const text = JSON.stringify(paths);
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
