import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger, HealthModule, LoggingModule } from '@shop/platform';
import type { CheckoutConfig } from './config.js';

@Module({})
export class AppModule {
  static forRoot(config: CheckoutConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'checkout', level: config.LOG_LEVEL })),
        HealthModule.forRoot({ drainMs: config.SHUTDOWN_DRAIN_MS, checks: () => [] }),
      ],
    };
  }
}
