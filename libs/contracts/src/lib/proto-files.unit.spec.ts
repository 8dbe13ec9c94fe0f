import { loadSync } from '@grpc/proto-loader';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  grpcLoaderOptions,
  paymentV1GrpcOptions,
  paymentV1ProtoFile,
  protoRoot,
} from './proto-files.js';

const repositoryProtos = resolve(import.meta.dirname, '../../../../protos');

describe('proto files shipped in the package', () => {
  it('are a byte-for-byte copy of the repository protos', () => {
    const shipped = readFileSync(join(protoRoot, paymentV1ProtoFile), 'utf8');

    expect(shipped).toBe(readFileSync(join(repositoryProtos, paymentV1ProtoFile), 'utf8'));
  });

  it('load with proto-loader into the four PaymentService methods', () => {
    const definition = loadSync(paymentV1ProtoFile, grpcLoaderOptions);
    const service = definition['shop.payment.v1.PaymentService'] as Record<
      string,
      { path: string }
    >;

    expect(Object.values(service).map((method) => method.path)).toEqual([
      '/shop.payment.v1.PaymentService/Authorize',
      '/shop.payment.v1.PaymentService/Refund',
      '/shop.payment.v1.PaymentService/GetPayment',
      '/shop.payment.v1.PaymentService/ListTestCards',
    ]);
  });

  it('are what the Nest transport options point at', () => {
    expect(paymentV1GrpcOptions('127.0.0.1:50051')).toMatchObject({
      url: '127.0.0.1:50051',
      package: 'shop.payment.v1',
      protoPath: join(protoRoot, paymentV1ProtoFile),
    });
  });
});
