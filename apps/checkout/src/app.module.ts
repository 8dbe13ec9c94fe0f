import { Module, type DynamicModule } from '@nestjs/common';
import { createPrismaClient } from '@shop/database';
import {
  createLogger,
  databaseReadiness,
  HealthModule,
  LoggingModule,
  PrismaModule,
} from '@shop/platform';
import { CatalogModule } from './catalog/catalog.module.js';
import type { CheckoutConfig } from './config.js';
import { PaymentsModule } from './payments/payments.module.js';
import { PrismaClient } from './generated/prisma/client.js';

@Module({})
export class AppModule {
  static forRoot(config: CheckoutConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'checkout', level: config.LOG_LEVEL })),
        PrismaModule.forRoot(PrismaClient, () =>
          createPrismaClient(PrismaClient, {
            databaseUrl: config.DATABASE_URL,
            poolSize: config.DATABASE_POOL_SIZE,
          }),
        ),
        HealthModule.forRoot({
          drainMs: config.SHUTDOWN_DRAIN_MS,
          inject: [PrismaClient],
          checks: (database: PrismaClient) => [databaseReadiness(database)],
        }),
        CatalogModule,
        PaymentsModule.forRoot(config),
      ],
    };
  }
}
