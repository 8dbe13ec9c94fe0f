import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { grpcLoaderOptions, paymentV1ProtoFile } from './proto-files.js';

/**
 * shop.payment.v1.PaymentService for plain grpc-js, loaded from the shipped
 * .proto with {@link grpcLoaderOptions} (plus overrides, e.g. `{ enums: String }`
 * in tests). `new Service(address, credentials)` is a client; `Service.service`
 * is the definition a server adds.
 */
export function loadPaymentV1Service(
  overrides: protoLoader.Options = {},
): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(paymentV1ProtoFile, {
    ...grpcLoaderOptions,
    ...overrides,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    shop: { payment: { v1: { PaymentService: grpc.ServiceClientConstructor } } };
  };
  return loaded.shop.payment.v1.PaymentService;
}
