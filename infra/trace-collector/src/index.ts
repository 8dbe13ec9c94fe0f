// The span model and the order lookup live in @shop/purchase-timeline (a lib
// apps may use); re-exported here for the collector's users.
export {
  findOrderTraces,
  latestOrderId,
  millisBetween,
  ORDER_ATTRIBUTE,
  spansOfRequest,
  type AttributeMap,
  type AttributeValue,
  type SpanKindName,
  type StoredLink,
  type StoredSpan,
  type TraceView,
} from '@shop/purchase-timeline';
export {
  startTraceCollector,
  type RunningTraceCollector,
  type TraceCollectorOptions,
} from './lib/otlp-receiver.js';
export { IndexedSpanFile } from './lib/indexed-span-file.js';
export { readSpans, SpanFile } from './lib/span-file.js';
export { renderWaterfall, type WaterfallOptions } from './lib/waterfall.js';
