import 'reflect-metadata';
import { Metadata, status } from '@grpc/grpc-js';
import { Controller, type INestMicroservice } from '@nestjs/common';
import {
  ClientProxyFactory,
  RpcException,
  Transport,
  type ClientGrpcProxy,
  type GrpcOptions,
} from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as paymentV1 from '../generated/shop/payment/v1/payment_service.js';
import { PaymentDeclineTrailers } from './payment-decline.trailers.js';
import { paymentV1GrpcOptions } from './proto-files.js';

const { DeclineReason, PaymentStatus } = paymentV1;
const createdAt = { seconds: 1_767_225_600, nanos: 500 };

// A stand-in payment service: the generated interface is the whole contract.
@Controller()
@paymentV1.PaymentServiceControllerMethods()
class FakePaymentController implements paymentV1.PaymentServiceController {
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

  getPayment(request: paymentV1.GetPaymentRequest): paymentV1.GetPaymentResponse {
    // Echo which lookup arrived, to prove how an unset oneof member reads.
    return {
      payment: {
        ...emptyPayment(),
        paymentId: String(request.paymentId),
        orderId: String(request.authorizeIdempotencyKey),
      },
    };
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
    createdAt,
  };
}

function emptyPayment(): paymentV1.Payment {
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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

interface GrpcError {
  code: number;
  details: string;
  metadata: Metadata;
}

describe('shop.payment.v1 over a real gRPC connection', () => {
  let app: INestMicroservice;
  let client: ClientGrpcProxy;
  let payments: paymentV1.PaymentServiceClient;

  beforeAll(async () => {
    const url = `127.0.0.1:${await freePort()}`;
    const moduleRef = await Test.createTestingModule({
      controllers: [FakePaymentController],
    }).compile();
    const server: GrpcOptions = { transport: Transport.GRPC, options: paymentV1GrpcOptions(url) };
    // Nest types its options as classes yet documents and reads plain objects.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    app = moduleRef.createNestMicroservice(server);
    await app.listen();
    client = ClientProxyFactory.create({
      transport: Transport.GRPC,
      options: paymentV1GrpcOptions(url),
    });
    payments = client.getService<paymentV1.PaymentServiceClient>(paymentV1.PAYMENT_SERVICE_NAME);
  });

  afterAll(async () => {
    client.close();
    await app.close();
  });

  it('authorizes through the generated controller and returns every field as typed, unset messages as null', async () => {
    const response = await firstValueFrom(
      payments.authorize({
        idempotencyKey: 'key-1',
        orderId: 'order-1',
        learnerId: 'learner-1',
        amount: { amountMinor: 1999, currencyCode: 'EUR' },
        cardToken: 'tok_visa',
      }),
    );

    expect(response.payment).toEqual({
      ...emptyPayment(),
      paymentId: 'pay_key-1',
      orderId: 'order-1',
      learnerId: 'learner-1',
      amount: { amountMinor: 1999, currencyCode: 'EUR' },
      status: PaymentStatus.PAYMENT_STATUS_AUTHORIZED,
      createdAt,
    });
  });

  it('carries a decline across the wire as FAILED_PRECONDITION with its reason in the trailers', async () => {
    const call = firstValueFrom(
      payments.authorize({
        idempotencyKey: 'key-2',
        orderId: 'order-2',
        learnerId: 'l',
        amount: null,
        cardToken: 'tok_insufficient_funds',
      }),
    );

    const error = (await call.catch((caught: unknown) => caught)) as GrpcError;
    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.details).toBe('card declined');
    expect(error.metadata.get(PaymentDeclineTrailers.reason)).toEqual([
      'DECLINE_REASON_INSUFFICIENT_FUNDS',
    ]);
    expect(error.metadata.get(PaymentDeclineTrailers.paymentId)).toEqual(['pay_declined']);
  });

  it('carries NOT_FOUND across the wire', async () => {
    const call = firstValueFrom(
      payments.refund({
        idempotencyKey: 'r-1',
        paymentId: 'pay_missing',
        reason: paymentV1.RefundReason.REFUND_REASON_COURSE_FULL,
      }),
    );

    await expect(call).rejects.toMatchObject({
      code: status.NOT_FOUND,
      details: 'no payment pay_missing',
    });
  });

  it('delivers only the oneof member that was set', async () => {
    const response = await firstValueFrom(
      payments.getPayment({ authorizeIdempotencyKey: 'key-1' }),
    );

    expect(response.payment).toMatchObject({ paymentId: 'undefined', orderId: 'key-1' });
  });
});
