import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { grpcMetricsInterceptor } from '../metrics/grpc-metrics.interceptor.js';
import type { ServiceFeature } from './service-feature.js';

/**
 * A gRPC server (Nest's own transport) for the app's `@GrpcMethod` controllers,
 * measured per method by a grpc-js server interceptor (`rpc.server.call.duration`).
 */
export function grpcServer(options: GrpcOptions['options']): ServiceFeature {
  const channelOptions = {
    ...options.channelOptions,
    // grpc-js reads server interceptors from the options Nest passes to `new Server()`.
    interceptors: [grpcMetricsInterceptor],
  };
  return {
    transport: {
      use: () => ({ transport: Transport.GRPC, options: { ...options, channelOptions } }),
    },
  };
}
