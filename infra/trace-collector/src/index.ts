export { spansOfRequest } from './lib/otlp-json.js';
export {
  startTraceCollector,
  type RunningTraceCollector,
  type TraceCollectorOptions,
} from './lib/otlp-receiver.js';
export {
  findOrderTraces,
  latestOrderId,
  ORDER_ATTRIBUTE,
  type TraceView,
} from './lib/order-traces.js';
export { readSpans, SpanFile } from './lib/span-file.js';
export { IndexedSpanFile } from './lib/indexed-span-file.js';
export { JaegerSpanSource, type JaegerSpanSourceOptions } from './lib/jaeger-span-source.js';
export { ORDER_ID, type SpanSource } from './lib/span-source.js';
export {
  millisBetween,
  type AttributeMap,
  type AttributeValue,
  type SpanKindName,
  type StoredLink,
  type StoredSpan,
} from './lib/stored-span.js';
export { renderWaterfall, type WaterfallOptions } from './lib/waterfall.js';
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
