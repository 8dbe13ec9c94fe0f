import { configMarkdownTable, loadConfig } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { enrollmentConfigSchema } from '../src/config.js';

describe('enrollment configuration', () => {
  it('starts on its documented defaults alone in development', () => {
    expect(() =>
      loadConfig('enrollment', enrollmentConfigSchema, { NODE_ENV: 'development' }),
    ).not.toThrow();
  });

  it('refuses an invalid environment, naming the variable and its value', () => {
    expect(() => loadConfig('enrollment', enrollmentConfigSchema, { HTTP_PORT: 'eighty' })).toThrow(
      /HTTP_PORT="eighty"/,
    );
  });

  it('is documented, variable by variable, in CONFIGURATION.md', async () => {
    const doc = `# enrollment — environment variables\n\n${configMarkdownTable(enrollmentConfigSchema)}\n`;
    await expect(doc).toMatchFileSnapshot('../CONFIGURATION.md');
  });
});
