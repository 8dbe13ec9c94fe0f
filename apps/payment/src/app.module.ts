import { Module, type DynamicModule } from '@nestjs/common';
import { createPrismaClient } from '@shop/database';
import {
  createLogger,
  databaseReadiness,
  HealthModule,
  LoggingModule,
  PrismaModule,
} from '@shop/platform';
import type { PaymentConfig } from './config.js';
import { PaymentsModule } from './payments/payments.module.js';
import { PrismaClient } from './generated/prisma/client.js';

@Module({})
export class AppModule {
  static forRoot(config: PaymentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'payment', level: config.LOG_LEVEL })),
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
        PaymentsModule.forRoot({
          latencyMs: config.CARD_PROCESSOR_LATENCY_MS,
          slowLatencyMs: config.CARD_PROCESSOR_SLOW_MS,
          failureRate: config.CARD_PROCESSOR_FAILURE_PERCENT / 100,
        }),
      ],
    };
  }
}
