import 'reflect-metadata';
import { startService } from '@shop/platform';
import { AppModule } from './app.module.js';
import { paymentConfigSchema } from './config.js';

await startService({
  name: 'payment',
  config: paymentConfigSchema,
  module: (config) => AppModule.forRoot(config),
});
