import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger, HealthModule, httpReadiness, LoggingModule } from '@shop/platform';
import type { BffConfig } from './config.js';

@Module({})
export class AppModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'bff', level: config.LOG_LEVEL })),
        // The BFF composes the services; without checkout it has nothing to serve.
        HealthModule.forRoot({
          drainMs: config.SHUTDOWN_DRAIN_MS,
          checks: () => [
            httpReadiness('checkout', new URL('/health/live', config.CHECKOUT_URL).href),
          ],
        }),
      ],
    };
  }
}
