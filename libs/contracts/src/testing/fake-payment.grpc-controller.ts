import { Metadata, status } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import * as paymentV1 from '../generated/shop/payment/v1/payment_service.js';
import { PaymentDeclineTrailers } from '../lib/payment-decline.trailers.js';

const { DeclineReason, PaymentStatus } = paymentV1;
export const fakeCreatedAt = { seconds: 1_767_225_600, nanos: 500 };

// A stand-in payment service: the generated interface is the whole contract.
// Declines `tok_insufficient_funds`, refunds nothing, echoes GetPayment lookups and metadata.
@Controller()
@paymentV1.PaymentServiceControllerMethods()
export class FakePaymentController implements paymentV1.PaymentServiceController {
  authorize(request: paymentV1.AuthorizeRequest): paymentV1.AuthorizeResponse {
    if (request.cardToken === 'tok_insufficient_funds') {
      const trailers = new Metadata();
      trailers.set(
        PaymentDeclineTrailers.reason,
        DeclineReason[DeclineReason.DECLINE_REASON_INSUFFICIENT_FUNDS],
      );
      trailers.set(PaymentDeclineTrailers.paymentId, 'pay_declined');
      throw new RpcException({
        code: status.FAILED_PRECONDITION,
        message: 'card declined',
        metadata: trailers,
      });
    }
    return { payment: paymentOf(request) };
  }

  refund(request: paymentV1.RefundRequest): paymentV1.RefundResponse {
    throw new RpcException({ code: status.NOT_FOUND, message: `no payment ${request.paymentId}` });
  }

  getPayment(
    request: paymentV1.GetPaymentRequest,
    metadata?: Metadata,
  ): paymentV1.GetPaymentResponse {
    // Echo what arrived: which oneof member, and the caller's correlation id.
    return {
      payment: {
        ...emptyPayment(),
        paymentId: String(request.paymentId),
        orderId: String(request.authorizeIdempotencyKey),
        learnerId: String(metadata?.get('x-correlation-id')[0]),
      },
    };
  }

  listTestCards(): paymentV1.ListTestCardsResponse {
    return { cards: [] };
  }
}

function paymentOf(request: paymentV1.AuthorizeRequest): paymentV1.Payment {
  return {
    ...emptyPayment(),
    paymentId: `pay_${request.idempotencyKey}`,
    orderId: request.orderId,
    learnerId: request.learnerId,
    amount: request.amount,
    status: PaymentStatus.PAYMENT_STATUS_AUTHORIZED,
    createdAt: fakeCreatedAt,
  };
}

export function emptyPayment(): paymentV1.Payment {
  return {
    paymentId: '',
    orderId: '',
    learnerId: '',
    status: PaymentStatus.PAYMENT_STATUS_UNSPECIFIED,
    declineReason: DeclineReason.DECLINE_REASON_UNSPECIFIED,
    amount: null,
    createdAt: null,
    updatedAt: null,
  };
}
