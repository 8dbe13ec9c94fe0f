import { Module } from '@nestjs/common';
import { GetPaymentHandler } from './get-payment/get-payment.handler.js';
import { PaymentsGrpcController } from './payments.grpc-controller.js';
import { PaymentsRepository, PrismaPaymentsRepository } from './payments.repository.js';

@Module({
  controllers: [PaymentsGrpcController],
  providers: [GetPaymentHandler, { provide: PaymentsRepository, useClass: PrismaPaymentsRepository }],
})
export class PaymentsModule {}
