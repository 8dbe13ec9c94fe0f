export {
  CORRELATION_HEADER,
  correlationIdFrom,
  currentCorrelationId,
  withCorrelationId,
} from './lib/correlation.js';
