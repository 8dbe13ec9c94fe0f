import 'reflect-metadata';
import { startService } from '@shop/platform';
import { AppModule } from './app.module.js';
import { analyticsConfigSchema } from './config.js';

await startService({
  name: 'analytics',
  config: analyticsConfigSchema,
  module: (config) => AppModule.forRoot(config),
});
