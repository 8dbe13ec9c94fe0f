import { status } from '@grpc/grpc-js';
import { Controller, UseFilters } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { paymentV1 } from '@shop/contracts';
import { GetPaymentHandler } from './get-payment/get-payment.handler.js';
import { PaymentErrorsGrpcFilter } from './payment-errors.grpc.js';
import { toGrpcPayment } from './payment.grpc-mapper.js';

@Controller()
@paymentV1.PaymentServiceControllerMethods()
@UseFilters(PaymentErrorsGrpcFilter)
export class PaymentsGrpcController implements paymentV1.PaymentServiceController {
  constructor(private readonly getPaymentHandler: GetPaymentHandler) {}

  authorize(): never {
    throw notYet('Authorize');
  }

  refund(): never {
    throw notYet('Refund');
  }

  async getPayment(request: paymentV1.GetPaymentRequest): Promise<paymentV1.GetPaymentResponse> {
    const lookup = request.paymentId
      ? { paymentId: request.paymentId }
      : { idempotencyKey: request.authorizeIdempotencyKey ?? '' };
    return { payment: toGrpcPayment(await this.getPaymentHandler.execute(lookup)) };
  }
}

// Charging and refunding arrive with the purchase flow; until then the
// contract's own answer for a method a server does not offer is UNIMPLEMENTED.
function notYet(method: string): RpcException {
  return new RpcException({ code: status.UNIMPLEMENTED, message: `${method} is not implemented yet` });
}
