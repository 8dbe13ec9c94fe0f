export {
  millisBetween,
  type AttributeMap,
  type AttributeValue,
  type SpanKindName,
  type StoredLink,
  type StoredSpan,
} from './lib/stored-span.js';
export {
  findOrderTraces,
  latestOrderId,
  ORDER_ATTRIBUTE,
  type TraceView,
} from './lib/order-traces.js';
export { exportTraceServiceRequest, spansOfRequest } from './lib/otlp-json.js';
export type {
  Hop,
  HopIntent,
  HopMode,
  HopOutcome,
  HopTransport,
  PlacedStatusChange,
  PurchaseTimeline,
  StatusChange,
} from './lib/timeline/hop.js';
export { purchaseTimeline } from './lib/timeline/purchase-timeline.js';
export { ORDER_ID, type SpanSource } from './lib/span-source.js';
export { CollectorSpanSource } from './lib/collector-span-source.js';
export { JaegerSpanSource, type JaegerSpanSourceOptions } from './lib/jaeger-span-source.js';
