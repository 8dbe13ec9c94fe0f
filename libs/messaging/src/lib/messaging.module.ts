import { Module, type DynamicModule } from '@nestjs/common';
import { DevFaults } from '@shop/platform';
import {
  defaultConsumerRetrySettings,
  type ConsumerRetrySettings,
} from './consumer-retry.settings.js';
import {
  CONSUMER_FAULTS,
  CONSUMER_GROUP,
  CONSUMER_RETRY_SETTINGS,
  EventConsumer,
} from './event-consumer.js';
import { KafkaConsumerState } from './kafka-consumer.state.js';

/**
 * Provides `EventConsumer` (for the service's `@EventPattern` handlers) and
 * `KafkaConsumerState` (for its readiness), app-wide.
 */
@Module({})
export class MessagingModule {
  static forRoot(
    groupId: string,
    retry: Partial<ConsumerRetrySettings> = {},
    faults: DevFaults = DevFaults.off(),
  ): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: CONSUMER_RETRY_SETTINGS,
          useValue: { ...defaultConsumerRetrySettings, ...retry },
        },
        { provide: CONSUMER_GROUP, useValue: groupId },
        { provide: CONSUMER_FAULTS, useValue: faults },
        EventConsumer,
        KafkaConsumerState,
      ],
      exports: [EventConsumer, KafkaConsumerState],
    };
  }
}
