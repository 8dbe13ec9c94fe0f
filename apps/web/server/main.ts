// The web app's server: the production build, and the bff behind the same origin.
//   node dist/server/main.js [--help]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configMarkdownTable, loadConfig } from '@shop/config';
import { webServerConfigSchema } from './web-server.config.js';
import { buildWebServer } from './web-server.js';

if (process.argv.includes('--help')) {
  console.log(configMarkdownTable(webServerConfigSchema));
  process.exit(0);
}

const config = loadConfig('web', webServerConfigSchema);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
const app = await buildWebServer({
  root,
  bffUrl: config.BFF_URL,
  controlFile: config.STACK_CONTROL_FILE,
  logger: true,
});
await app.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
