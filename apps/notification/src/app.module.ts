import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger, HealthModule, LoggingModule } from '@shop/platform';
import type { NotificationConfig } from './config.js';

@Module({})
export class AppModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'notification', level: config.LOG_LEVEL })),
        HealthModule.forRoot({ drainMs: config.SHUTDOWN_DRAIN_MS, checks: () => [] }),
      ],
    };
  }
}
