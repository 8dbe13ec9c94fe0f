import type { DevFaults, ServiceFeature } from '@shop/platform';
import type { ConsumerRetrySettings } from './consumer-retry.settings.js';
import {
  DEFAULT_MAX_BATCH_MESSAGES,
  kafkaConsumerOptions,
  type KafkaConsumerSettings,
} from './kafka-consumer.options.js';
import { KafkaConsumerServer } from './kafka-consumer.server.js';
import { KafkaConsumerState } from './kafka-consumer.state.js';
import { MessagingModule } from './messaging.module.js';

export interface KafkaConsumerFeatureSettings extends KafkaConsumerSettings {
  /** How the app's `EventConsumer` retries a failing handler. */
  readonly retry?: Partial<ConsumerRetrySettings>;
  /** Development only: faults the stack's fault API injects into the handlers (docs/drills.md). */
  readonly faults?: DevFaults;
}

/**
 * The app's `@EventPattern` handlers as a Kafka consumer in the service's
 * group (Nest's Kafka transport), with `EventConsumer` for them and the
 * group membership in readiness. For `ServiceModule.forRoot({ features })`.
 */
export function kafkaConsumer(settings: KafkaConsumerFeatureSettings): ServiceFeature {
  return {
    imports: [MessagingModule.forRoot(settings.groupId, settings.retry, settings.faults)],
    readiness: {
      inject: [KafkaConsumerState],
      use: (state: KafkaConsumerState) => state.readiness(),
    },
    transport: {
      inject: [KafkaConsumerState],
      use: (state: KafkaConsumerState) => ({
        strategy: new KafkaConsumerServer(
          kafkaConsumerOptions(settings),
          state,
          settings.maxBatchMessages ?? DEFAULT_MAX_BATCH_MESSAGES,
        ),
      }),
    },
  };
}
