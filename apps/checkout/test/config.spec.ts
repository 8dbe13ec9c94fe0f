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

  it('is documented, variable by variable, in CONFIGURATION.md', async () => {
    const doc = `# checkout — environment variables\n\n${configMarkdownTable(checkoutConfigSchema)}\n`;
    await expect(doc).toMatchFileSnapshot('../CONFIGURATION.md');
  });
});
