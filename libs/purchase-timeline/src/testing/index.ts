// Spans of one purchase, for tests of the timeline and of what reads spans (the trace
// collector's waterfall): small, readable stand-ins for what the stack records.
export { PURCHASE, span } from './purchase-spans.js';
