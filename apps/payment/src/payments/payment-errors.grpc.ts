import { status } from '@grpc/grpc-js';
import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { assertUnreachable } from '@shop/contracts';
import { throwError, type Observable } from 'rxjs';
import { InvalidLookupError, PaymentNotFoundError } from './get-payment/get-payment.handler.js';

type PaymentError = PaymentNotFoundError | InvalidLookupError;

/** Payment error codes → gRPC status codes, exhaustively (the table in libs/contracts). */
export function grpcStatusOf(error: PaymentError): status {
  switch (error.code) {
    case 'PAYMENT_NOT_FOUND':
      return status.NOT_FOUND;
    case 'INVALID_LOOKUP':
      return status.INVALID_ARGUMENT;
    default:
      return assertUnreachable(error);
  }
}

@Catch(PaymentNotFoundError, InvalidLookupError)
export class PaymentErrorsGrpcFilter implements RpcExceptionFilter<PaymentError> {
  catch(error: PaymentError): Observable<never> {
    return throwError(() => new RpcException({ code: grpcStatusOf(error), message: error.message }).getError());
  }
}
