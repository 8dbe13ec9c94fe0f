import { configMarkdownTable, loadConfig } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { notificationConfigSchema } from '../src/config.js';

describe('notification configuration', () => {
  it('starts on its documented defaults alone in development', () => {
    expect(() =>
      loadConfig('notification', notificationConfigSchema, { NODE_ENV: 'development' }),
    ).not.toThrow();
  });

  it('refuses an invalid environment, naming the variable and its value', () => {
    expect(() =>
      loadConfig('notification', notificationConfigSchema, { HTTP_PORT: 'eighty' }),
    ).toThrow(/HTTP_PORT="eighty"/);
  });

  it('is documented, variable by variable, in CONFIGURATION.md', async () => {
    const doc = `# notification — environment variables\n\n${configMarkdownTable(notificationConfigSchema)}\n`;
    await expect(doc).toMatchFileSnapshot('../CONFIGURATION.md');
  });
});
