export * as paymentV1 from './generated/shop/payment/v1/payment_service.js';
export type { Timestamp } from './generated/google/protobuf/timestamp.js';
export { assertUnreachable } from './lib/assert-unreachable.js';
export {
  ErrorClass,
  errorClassOfGrpcStatus,
  mappingOf,
  type ErrorClassMapping,
  type GrpcErrorStatus,
  type RetryAdvice,
} from './lib/error-class.js';
export { PaymentDeclineTrailers } from './lib/payment-decline.trailers.js';
export {
  grpcLoaderOptions,
  paymentV1GrpcOptions,
  paymentV1ProtoFile,
  protoRoot,
} from './lib/proto-files.js';
