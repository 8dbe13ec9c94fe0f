import type { GrpcOptions } from '@nestjs/microservices';
import { join, resolve } from 'node:path';
import { decodeRequestsLeniently } from './undecodable-request.js';

/**
 * The folder of .proto files shipped inside this package: a copy of the
 * repository's protos/ that `pnpm run generate` keeps in sync. Both src/lib
 * and dist/lib sit two levels below the package root, so the same relative
 * path works from sources (tests), from dist/ and from a deployed image.
 */
export const protoRoot = resolve(import.meta.dirname, '..', '..', 'proto');

/** Where shop.payment.v1 lives under {@link protoRoot}. */
export const paymentV1ProtoFile = 'shop/payment/v1/payment_service.proto';

/**
 * proto-loader options the generated types rely on: camelCase fields,
 * int64 as `number`, default values filled in (proto3 omits them on the wire)
 * and enums as numbers.
 */
export const grpcLoaderOptions = {
  keepCase: false,
  longs: Number,
  defaults: true,
  includeDirs: [protoRoot],
} satisfies NonNullable<GrpcOptions['options']['loader']>;

/**
 * Nest `Transport.GRPC` options for shop.payment.v1, for the server
 * (`createMicroservice`) and for clients (`ClientsModule`) alike.
 */
export function paymentV1GrpcOptions(url: string): GrpcOptions['options'] {
  return {
    url,
    package: 'shop.payment.v1',
    protoPath: join(protoRoot, paymentV1ProtoFile),
    loader: grpcLoaderOptions,
    // A request that is not protobuf is the client's error: INVALID_ARGUMENT, not INTERNAL.
    onLoadPackageDefinition: decodeRequestsLeniently,
  };
}
