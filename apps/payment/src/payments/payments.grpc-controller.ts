import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { Controller, UseFilters, UseGuards } from '@nestjs/common';
import { paymentV1, undecodableReason } from '@shop/contracts';
import { CheckoutOnlyGuard } from '../callers/checkout-only.guard.js';
import { AuthorizeCommand } from './authorize/authorize.command.js';
import { AuthorizeHandler } from './authorize/authorize.handler.js';
import { abortSignalOf } from './call-deadline.js';
import { InvalidRequestError } from './domain/payment.errors.js';
import { testCards } from './card-processor/test-cards.js';
import { GetPaymentHandler } from './get-payment/get-payment.handler.js';
import { toGrpcTestCards } from './list-test-cards/test-cards.grpc-mapper.js';
import { PaymentErrorsGrpcFilter } from './payment-errors.grpc.js';
import { toGrpcPayment } from './payment.grpc-mapper.js';
import { RefundHandler } from './refund/refund.handler.js';

// A constant list: mapped once, served from memory.
const TEST_CARDS = toGrpcTestCards(testCards);

// Nest hands a gRPC handler (request, metadata, call); the call carries the caller's deadline.
type Call = ServerUnaryCall<unknown, unknown>;

@Controller()
@paymentV1.PaymentServiceControllerMethods()
@UseGuards(CheckoutOnlyGuard)
@UseFilters(PaymentErrorsGrpcFilter)
export class PaymentsGrpcController implements paymentV1.PaymentServiceController {
  constructor(
    private readonly authorizeHandler: AuthorizeHandler,
    private readonly refundHandler: RefundHandler,
    private readonly getPaymentHandler: GetPaymentHandler,
  ) {}

  async authorize(
    request: paymentV1.AuthorizeRequest,
    _metadata?: Metadata,
    call?: Call,
  ): Promise<paymentV1.AuthorizeResponse> {
    const payment = await this.authorizeHandler.execute(
      AuthorizeCommand.from(decoded(request)),
      abortSignalOf(call),
    );
    return { payment: toGrpcPayment(payment) };
  }

  async refund(request: paymentV1.RefundRequest): Promise<paymentV1.RefundResponse> {
    return { payment: toGrpcPayment(await this.refundHandler.execute(decoded(request))) };
  }

  async getPayment(request: paymentV1.GetPaymentRequest): Promise<paymentV1.GetPaymentResponse> {
    decoded(request);
    const lookup = request.paymentId
      ? { paymentId: request.paymentId }
      : { idempotencyKey: request.authorizeIdempotencyKey ?? '' };
    return { payment: toGrpcPayment(await this.getPaymentHandler.execute(lookup)) };
  }

  listTestCards(): paymentV1.ListTestCardsResponse {
    return TEST_CARDS;
  }
}

// The request as decoded; INVALID_ARGUMENT for bytes that were not protobuf.
function decoded<Request extends object>(request: Request): Request {
  const reason = undecodableReason(request);
  if (reason !== undefined) throw new InvalidRequestError(`the request is not protobuf: ${reason}`);
  return request;
}
