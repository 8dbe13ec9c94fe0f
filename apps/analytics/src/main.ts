import 'reflect-metadata';
import { startKafkaConsumer } from '@shop/messaging';
import { createHttpApp, listen, startService } from '@shop/platform';
import { AppModule, ANALYTICS_CONSUMER_GROUP } from './app.module.js';
import { analyticsConfigSchema } from './config.js';

await startService({
  name: 'analytics',
  config: analyticsConfigSchema,
  start: async (config) => {
    const app = await createHttpApp(AppModule.forRoot(config));
    await startKafkaConsumer(app, {
      brokers: config.KAFKA_BROKERS,
      groupId: ANALYTICS_CONSUMER_GROUP,
    });
    await listen(app, config.HTTP_PORT);
  },
});
