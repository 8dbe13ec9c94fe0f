import { ServerInterceptingCall, type ServerInterceptor } from '@grpc/grpc-js';
import { DURATION_BUCKETS_S, secondsSince, shopMeter } from '@shop/metrics';

const duration = shopMeter('@shop/platform').createHistogram('rpc.server.call.duration', {
  unit: 's',
  description: 'Duration of gRPC calls the service answered, by method and status code.',
  advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_S] },
});

/**
 * Rate, errors and duration of every gRPC call, measured by grpc-js itself
 * (a server interceptor) so that calls a guard refused or a filter mapped to
 * a status count with the status the client got. Only the server's own
 * methods reach it: an unknown one is answered UNIMPLEMENTED before.
 */
export const grpcMetricsInterceptor: ServerInterceptor = (method, call) => {
  const started = performance.now();
  const [service = '', rpc = ''] = method.path.slice(1).split('/');
  return new ServerInterceptingCall(call, {
    sendStatus: (status, next) => {
      duration.record(secondsSince(started), {
        'rpc.system': 'grpc',
        'rpc.service': service,
        'rpc.method': rpc,
        'rpc.grpc.status_code': status.code,
      });
      next(status);
    },
  });
};
