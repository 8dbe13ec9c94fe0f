import { configMarkdownTable, loadConfig } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { analyticsConfigSchema } from '../src/config.js';

describe('analytics configuration', () => {
  it('starts on its documented defaults alone in development', () => {
    expect(() =>
      loadConfig('analytics', analyticsConfigSchema, { NODE_ENV: 'development' }),
    ).not.toThrow();
  });

  it('refuses an invalid environment, naming the variable and its value', () => {
    expect(() => loadConfig('analytics', analyticsConfigSchema, { HTTP_PORT: 'eighty' })).toThrow(
      /HTTP_PORT="eighty"/,
    );
  });

  it('is documented, variable by variable, in CONFIGURATION.md', async () => {
    const doc = `# analytics — environment variables\n\n${configMarkdownTable(analyticsConfigSchema)}\n`;
    await expect(doc).toMatchFileSnapshot('../CONFIGURATION.md');
  });
});
