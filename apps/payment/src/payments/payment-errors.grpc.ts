import { Metadata, status } from '@grpc/grpc-js';
import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { assertUnreachable, PaymentDeclineTrailers } from '@shop/contracts';
import { throwError, type Observable } from 'rxjs';
import { paymentErrorClasses, type PaymentError } from './domain/payment.errors.js';

/** Payment error codes → gRPC status codes, exhaustively (the contract's error list). */
export function toGrpcStatus(error: PaymentError): status {
  switch (error.code) {
    case 'PAYMENT_NOT_FOUND':
      return status.NOT_FOUND;
    case 'INVALID_REQUEST':
    case 'IDEMPOTENCY_KEY_REUSED':
      return status.INVALID_ARGUMENT;
    case 'CARD_DECLINED':
    case 'NOT_REFUNDABLE':
      return status.FAILED_PRECONDITION;
    case 'AUTHORIZATION_IN_PROGRESS':
      return status.ABORTED;
    case 'PROCESSOR_UNAVAILABLE':
      return status.UNAVAILABLE;
    case 'DEADLINE_EXCEEDED':
      return status.DEADLINE_EXCEEDED;
    default:
      return assertUnreachable(error);
  }
}

// A decline names its reason and payment in trailers, so callers branch without parsing prose.
function trailersOf(error: PaymentError): Metadata | undefined {
  if (error.code !== 'CARD_DECLINED') return undefined;
  const trailers = new Metadata();
  trailers.set(PaymentDeclineTrailers.reason, `DECLINE_REASON_${error.reason}`);
  trailers.set(PaymentDeclineTrailers.paymentId, error.paymentId);
  return trailers;
}

@Catch(...paymentErrorClasses)
export class PaymentErrorsGrpcFilter implements RpcExceptionFilter<PaymentError> {
  catch(error: PaymentError): Observable<never> {
    const exception = new RpcException({
      code: toGrpcStatus(error),
      message: error.message,
      metadata: trailersOf(error),
    });
    return throwError(() => exception.getError());
  }
}
