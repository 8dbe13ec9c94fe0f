import 'reflect-metadata';
import { startService } from '@shop/platform';
import { AppModule } from './app.module.js';
import { bffConfigSchema } from './config.js';

await startService({
  name: 'bff',
  config: bffConfigSchema,
  module: (config) => AppModule.forRoot(config),
});
