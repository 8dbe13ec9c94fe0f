import * as protoLoader from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { grpcLoaderOptions, paymentV1ProtoFile } from './proto-files.js';
import { decodeRequestsLeniently, undecodableReason } from './undecodable-request.js';

const authorizeOf = (definition: protoLoader.PackageDefinition) =>
  (definition['shop.payment.v1.PaymentService'] as protoLoader.ServiceDefinition).Authorize!;

describe('decodeRequestsLeniently', () => {
  const definition = protoLoader.loadSync(paymentV1ProtoFile, grpcLoaderOptions);
  decodeRequestsLeniently(definition);
  const authorize = authorizeOf(definition);

  it('decodes a valid request as before, unmarked', () => {
    const bytes = authorize.requestSerialize({ idempotencyKey: 'k-1', orderId: 'o' });
    const request = authorize.requestDeserialize(bytes);

    expect(request).toMatchObject({ idempotencyKey: 'k-1', orderId: 'o' });
    expect(undecodableReason(request)).toBeUndefined();
  });

  it('reads bytes that are not protobuf as the empty message, marked with why', () => {
    const request = authorize.requestDeserialize(Buffer.from([0xff, 0xff]));

    expect(request).toMatchObject({ idempotencyKey: '', orderId: '', amount: null });
    expect(undecodableReason(request)).toEqual(expect.any(String));
  });
});
