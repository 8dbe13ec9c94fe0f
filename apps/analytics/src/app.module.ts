import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger, HealthModule, LoggingModule } from '@shop/platform';
import type { AnalyticsConfig } from './config.js';

@Module({})
export class AppModule {
  static forRoot(config: AnalyticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'analytics', level: config.LOG_LEVEL })),
        HealthModule.forRoot({ drainMs: config.SHUTDOWN_DRAIN_MS, checks: () => [] }),
      ],
    };
  }
}
