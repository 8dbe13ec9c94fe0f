import { Transport, type GrpcOptions } from '@nestjs/microservices';
import type { ServiceFeature } from './service-feature.js';

/** A gRPC server (Nest's own transport) for the app's `@GrpcMethod` controllers. */
export function grpcServer(options: GrpcOptions['options']): ServiceFeature {
  return { transport: { use: () => ({ transport: Transport.GRPC, options }) } };
}
