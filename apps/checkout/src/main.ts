import 'reflect-metadata';
import { startKafkaConsumer } from '@shop/messaging';
import { createHttpApp, listen, startService } from '@shop/platform';
import { AppModule, CHECKOUT_CONSUMER_GROUP } from './app.module.js';
import { checkoutConfigSchema } from './config.js';

await startService({
  name: 'checkout',
  config: checkoutConfigSchema,
  start: async (config) => {
    const app = await createHttpApp(AppModule.forRoot(config));
    await startKafkaConsumer(app, {
      brokers: config.KAFKA_BROKERS,
      groupId: CHECKOUT_CONSUMER_GROUP,
    });
    await listen(app, config.HTTP_PORT);
  },
});
