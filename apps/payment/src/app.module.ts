import { Module, type DynamicModule } from '@nestjs/common';
import { paymentV1GrpcOptions } from '@shop/contracts';
import { DevFaults, grpcServer, ServiceModule } from '@shop/platform';
import type { PaymentConfig } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { PaymentsModule } from './payments/payments.module.js';

@Module({})
export class AppModule {
  static forRoot(config: PaymentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forRoot({
          name: 'payment',
          config,
          database: PrismaClient,
          // gRPC is the API; the HTTP port only serves health.
          features: [grpcServer(paymentV1GrpcOptions(`${config.GRPC_HOST}:${config.GRPC_PORT}`))],
        }),
        PaymentsModule.forRoot(
          {
            latencyMs: config.CARD_PROCESSOR_LATENCY_MS,
            slowLatencyMs: config.CARD_PROCESSOR_SLOW_MS,
            failureRate: config.CARD_PROCESSOR_FAILURE_PERCENT / 100,
            faults: new DevFaults(config.DEV_FAULTS_FILE),
          },
          {
            callerTokenSecret: config.PAYMENT_TOKEN_SECRET,
            recovery: {
              leaseMs: config.PAYMENT_PENDING_LEASE_MS,
              sweepIntervalMs: config.PAYMENT_RECOVERY_INTERVAL_MS,
            },
          },
        ),
      ],
    };
  }
}
