import 'reflect-metadata';
import { startService } from '@shop/platform';
import { AppModule } from './app.module.js';
import { checkoutConfigSchema } from './config.js';

await startService({
  name: 'checkout',
  config: checkoutConfigSchema,
  module: (config) => AppModule.forRoot(config),
});
