import { Module, type DynamicModule } from '@nestjs/common';
import { paymentEdge } from '@shop/identity';
import { CallerTokens, CheckoutOnlyGuard } from '../callers/checkout-only.guard.js';
import { AuthorizeHandler } from './authorize/authorize.handler.js';
import { CardProcessor } from './card-processor/card-processor.js';
import {
  SimulatedCardProcessor,
  type SimulatedCardProcessorOptions,
} from './card-processor/simulated-card-processor.js';
import { GetPaymentHandler } from './get-payment/get-payment.handler.js';
import { PaymentsGrpcController } from './payments.grpc-controller.js';
import { PaymentsRepository } from './payments.repository.js';
import { RefundHandler } from './refund/refund.handler.js';
import { PrismaPaymentsRepository } from './prisma-payments.repository.js';

@Module({})
export class PaymentsModule {
  static forRoot(
    processor: SimulatedCardProcessorOptions,
    { callerTokenSecret }: { callerTokenSecret: string },
  ): DynamicModule {
    return {
      module: PaymentsModule,
      controllers: [PaymentsGrpcController],
      providers: [
        AuthorizeHandler,
        RefundHandler,
        GetPaymentHandler,
        { provide: PaymentsRepository, useClass: PrismaPaymentsRepository },
        { provide: CardProcessor, useValue: new SimulatedCardProcessor(processor) },
        {
          provide: CallerTokens,
          useValue: new CallerTokens({ secret: callerTokenSecret, ...paymentEdge }),
        },
        CheckoutOnlyGuard,
      ],
    };
  }
}
