import { configMarkdownTable, loadConfig } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { checkoutConfigSchema } from '../src/config.js';

describe('checkout configuration', () => {
  it('starts on its documented defaults alone in development', () => {
    expect(() =>
      loadConfig('checkout', checkoutConfigSchema, { NODE_ENV: 'development' }),
    ).not.toThrow();
  });

  it('refuses an invalid environment, naming the variable and its value', () => {
    expect(() => loadConfig('checkout', checkoutConfigSchema, { HTTP_PORT: 'eighty' })).toThrow(
      /HTTP_PORT="eighty"/,
    );
  });

  it('refuses to start outside development on its defaults, naming each secret and switch', () => {
    const refusal = () => loadConfig('checkout', checkoutConfigSchema, {});
    for (const variable of [
      'JWT_SECRET',
      'PAYMENT_TOKEN_SECRET',
      'GATEWAY_TOKEN_SECRET',
      'METRICS_TOKEN',
    ]) {
      expect(refusal).toThrow(new RegExp(`${variable}: is the public development default`));
    }
    for (const variable of ['GRAPHQL_INTROSPECTION', 'GRAPHQL_FIELD_SUGGESTIONS']) {
      expect(refusal).toThrow(new RegExp(`${variable}: is on; .*turn it off`));
    }
  });

  it('is documented, variable by variable, in CONFIGURATION.md', async () => {
    const doc = `# checkout — environment variables\n\n${configMarkdownTable(checkoutConfigSchema)}\n`;
    await expect(doc).toMatchFileSnapshot('../CONFIGURATION.md');
  });
});
