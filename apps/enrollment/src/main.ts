import 'reflect-metadata';
import { startService } from '@shop/platform';
import { AppModule } from './app.module.js';
import { enrollmentConfigSchema } from './config.js';

await startService({
  name: 'enrollment',
  config: enrollmentConfigSchema,
  module: (config) => AppModule.forRoot(config),
});
