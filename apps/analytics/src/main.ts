import 'reflect-metadata';
import { createHttpApp, listen, startService } from '@shop/platform';
import { AppModule } from './app.module.js';
import { analyticsConfigSchema } from './config.js';

await startService({
  name: 'analytics',
  config: analyticsConfigSchema,
  start: async (config) => {
    const app = await createHttpApp(AppModule.forRoot(config));
    await listen(app, config.HTTP_PORT);
  },
});
