import type { INestApplication } from '@nestjs/common';
import type { CustomStrategy } from '@nestjs/microservices';
import { kafkaConsumerOptions, type KafkaConsumerSettings } from './kafka-consumer.options.js';
import { KafkaConsumerServer } from './kafka-consumer.server.js';
import { KafkaConsumerState } from './kafka-consumer.state.js';

/**
 * Connects Nest's Kafka transport to the app (its `@EventPattern` handlers
 * subscribe in the service's group, with the app's interceptors and filters)
 * and starts it. Needs `MessagingModule` in the app.
 */
export async function startKafkaConsumer(
  app: INestApplication,
  settings: KafkaConsumerSettings,
): Promise<void> {
  const server = new KafkaConsumerServer(
    kafkaConsumerOptions(settings),
    app.get(KafkaConsumerState),
  );
  app.connectMicroservice<CustomStrategy>({ strategy: server }, { inheritAppConfig: true });
  await app.startAllMicroservices();
}
