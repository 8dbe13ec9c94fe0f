import { configMarkdownTable } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { webServerConfigSchema } from '../server/web-server.config.js';

describe("the web server's configuration", () => {
  it('is documented, variable by variable, in CONFIGURATION.md', async () => {
    const doc = `# web — environment variables\n\n${configMarkdownTable(webServerConfigSchema)}\n`;
    await expect(doc).toMatchFileSnapshot('../CONFIGURATION.md');
  });
});
