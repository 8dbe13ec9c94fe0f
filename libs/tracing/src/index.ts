export {
  annotateActiveSpan,
  cloudEventAttributes,
  type CloudEventEnvelope,
} from './lib/cloud-event-attributes.js';
export {
  CORRELATION_HEADER,
  correlationIdFrom,
  currentCorrelationId,
  withCorrelationId,
} from './lib/correlation.js';
export { aggregateIdAttribute, ShopAttributes } from './lib/shop-attributes.js';
export { flushSpans, recordHttpRoute } from './lib/span-lifecycle.js';
export { currentTraceCarrier, linkTo, type TraceCarrier } from './lib/trace-context.js';
export { traced } from './lib/traced.js';
