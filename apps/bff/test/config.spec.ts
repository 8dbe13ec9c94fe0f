import { configMarkdownTable, loadConfig } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { bffConfigSchema } from '../src/config.js';

describe('bff configuration', () => {
  it('starts on its documented defaults alone in development', () => {
    expect(() => loadConfig('bff', bffConfigSchema, { NODE_ENV: 'development' })).not.toThrow();
  });

  it('refuses an invalid environment, naming the variable and its value', () => {
    expect(() => loadConfig('bff', bffConfigSchema, { HTTP_PORT: 'eighty' })).toThrow(
      /HTTP_PORT="eighty"/,
    );
  });

  it('is documented, variable by variable, in CONFIGURATION.md', async () => {
    const doc = `# bff — environment variables\n\n${configMarkdownTable(bffConfigSchema)}\n`;
    await expect(doc).toMatchFileSnapshot('../CONFIGURATION.md');
  });
});
