import 'reflect-metadata';
import { Metadata, status } from '@grpc/grpc-js';
import type { INestMicroservice } from '@nestjs/common';
import {
  ClientProxyFactory,
  Transport,
  type ClientGrpcProxy,
  type GrpcOptions,
} from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as paymentV1 from '../generated/shop/payment/v1/payment_service.js';
import { PaymentDeclineTrailers } from './payment-decline.trailers.js';
import { paymentV1GrpcOptions } from './proto-files.js';
import {
  emptyPayment,
  FakePaymentController,
  fakeCreatedAt,
} from '../testing/fake-payment.grpc-controller.js';
import { freePort } from '../testing/free-port.js';

const { PaymentStatus } = paymentV1;

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
      createdAt: fakeCreatedAt,
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

  it('hands the request metadata from the generated client to the controller', async () => {
    const metadata = new Metadata();
    metadata.set('x-correlation-id', 'corr-42');

    const response = await firstValueFrom(payments.getPayment({ paymentId: 'pay_1' }, metadata));

    expect(response.payment).toMatchObject({ paymentId: 'pay_1', learnerId: 'corr-42' });
  });
});
