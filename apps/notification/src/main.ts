import 'reflect-metadata';
import { startKafkaConsumer } from '@shop/messaging';
import { createHttpApp, listen, startService } from '@shop/platform';
import { AppModule, NOTIFICATION_CONSUMER_GROUP } from './app.module.js';
import { notificationConfigSchema } from './config.js';

await startService({
  name: 'notification',
  config: notificationConfigSchema,
  start: async (config) => {
    const app = await createHttpApp(AppModule.forRoot(config));
    await startKafkaConsumer(app, {
      brokers: config.KAFKA_BROKERS,
      groupId: NOTIFICATION_CONSUMER_GROUP,
    });
    await listen(app, config.HTTP_PORT);
  },
});
