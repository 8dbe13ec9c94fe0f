import { Module, type DynamicModule } from '@nestjs/common';
import { paymentEdge } from '@shop/identity';
import { CallerTokens, CheckoutOnlyGuard } from '../callers/checkout-only.guard.js';
import { AuthorizeHandler } from './authorize/authorize.handler.js';
import { CardProcessor } from './card-processor/card-processor.js';
import {
  SimulatedCardProcessor,
  type SimulatedCardProcessorOptions,
} from './card-processor/simulated-card-processor.js';
import { PrismaProcessorLedger } from './card-processor/prisma-processor-ledger.js';
import { ProcessorLedger } from './card-processor/processor-ledger.js';
import { GetPaymentHandler } from './get-payment/get-payment.handler.js';
import { PaymentsGrpcController } from './payments.grpc-controller.js';
import { PaymentsRepository } from './payments.repository.js';
import { RecoverPendingPayment } from './recover-payment/recover-pending-payment.js';
import { RECOVERY_OPTIONS, type RecoveryOptions } from './recover-payment/recovery.options.js';
import { RecoverySweep } from './recover-payment/recovery.sweep.js';
import { RefundHandler } from './refund/refund.handler.js';
import { PrismaPaymentsRepository } from './prisma-payments.repository.js';

@Module({})
export class PaymentsModule {
  static forRoot(
    processor: SimulatedCardProcessorOptions,
    { callerTokenSecret, recovery }: { callerTokenSecret: string; recovery: RecoveryOptions },
  ): DynamicModule {
    return {
      module: PaymentsModule,
      controllers: [PaymentsGrpcController],
      providers: [
        AuthorizeHandler,
        RefundHandler,
        GetPaymentHandler,
        { provide: PaymentsRepository, useClass: PrismaPaymentsRepository },
        { provide: ProcessorLedger, useClass: PrismaProcessorLedger },
        {
          provide: CardProcessor,
          inject: [ProcessorLedger],
          useFactory: (ledger: ProcessorLedger) => new SimulatedCardProcessor(processor, ledger),
        },
        { provide: RECOVERY_OPTIONS, useValue: recovery },
        RecoverPendingPayment,
        RecoverySweep,
        {
          provide: CallerTokens,
          useValue: new CallerTokens({ secret: callerTokenSecret, ...paymentEdge }),
        },
        CheckoutOnlyGuard,
      ],
    };
  }
}
