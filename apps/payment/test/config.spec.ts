import { configMarkdownTable, loadConfig } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { paymentConfigSchema } from '../src/config.js';

describe('payment configuration', () => {
  it('starts on its documented defaults alone in development', () => {
    expect(() =>
      loadConfig('payment', paymentConfigSchema, { NODE_ENV: 'development' }),
    ).not.toThrow();
  });

  it('refuses an invalid environment, naming the variable and its value', () => {
    expect(() => loadConfig('payment', paymentConfigSchema, { HTTP_PORT: 'eighty' })).toThrow(
      /HTTP_PORT="eighty"/,
    );
  });

  it('is documented, variable by variable, in CONFIGURATION.md', async () => {
    const doc = `# payment — environment variables\n\n${configMarkdownTable(paymentConfigSchema)}\n`;
    await expect(doc).toMatchFileSnapshot('../CONFIGURATION.md');
  });
});
