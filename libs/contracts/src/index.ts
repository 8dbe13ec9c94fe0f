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
export { loadPaymentV1Service } from './lib/payment-v1.service.js';
export { decodeRequestsLeniently, undecodableReason } from './lib/undecodable-request.js';
export {
  createEvent,
  cloudEventContentType,
  EventContractError,
  type CreateEventOptions,
  type ShopEvent,
} from './lib/create-event.js';
export { DeadLetterHeaders, dlqTopicOf, parkingQueueOf, retryQueueOf } from './lib/dead-letter.js';
export {
  asyncApiDocumentFile,
  compileAllEventSchemas,
  eventSchemaRoot,
  schemaOf,
  validateData,
  type DataValidation,
} from './lib/event-schemas.js';
export {
  allMessageKinds,
  messageKindOfType,
  messageKinds,
  type AmqpCommandRoute,
  type DataOf,
  type KafkaEventKind,
  type KafkaEventRoute,
  type MessageDataByKind,
  type MessageKind,
  type MessageKindDefinition,
  type ShopService,
} from './lib/message-kinds.js';
export {
  graphqlSchemaRoot,
  isGraphPageSize,
  MAX_GRAPH_PAGE,
  subgraphNames,
  subgraphs,
  subgraphSdl,
  subgraphSdlFile,
  subgraphSources,
  supergraphSdl,
  supergraphSdlFile,
  type SubgraphName,
  type SubgraphSource,
} from './lib/graphql-sdl.js';
export { isCurrencyCode } from './lib/currency-code.js';
export {
  isStorableInstant,
  isStorableInteger,
  isStorableText,
  PG_INTEGER_MAX,
} from './lib/storable-values.js';
export { parseEvent, type ParseResult, type RejectionCode } from './lib/parse-event.js';
export type { GrantSeatV1 } from './generated/events/enrollment.grant-seat.v1.schema.js';
export type { CancelGrantV1 } from './generated/events/enrollment.cancel-grant.v1.schema.js';
export type { GrantCancelledV1 } from './generated/events/enrollment.grant-cancelled.v1.schema.js';
export type { SeatGrantedV1 } from './generated/events/enrollment.seat-granted.v1.schema.js';
export type { SeatRejectedV1 } from './generated/events/enrollment.seat-rejected.v1.schema.js';
export type { OrderCancelledV1, OrderLine } from './generated/events/order.cancelled.v1.schema.js';
export type { OrderCancelledV2 } from './generated/events/order.cancelled.v2.schema.js';
export type { OrderCompletedV1 } from './generated/events/order.completed.v1.schema.js';
