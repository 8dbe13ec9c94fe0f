import 'reflect-metadata';
import { startService } from '@shop/platform';
import { AppModule } from './app.module.js';
import { notificationConfigSchema } from './config.js';

await startService({
  name: 'notification',
  config: notificationConfigSchema,
  module: (config) => AppModule.forRoot(config),
});
