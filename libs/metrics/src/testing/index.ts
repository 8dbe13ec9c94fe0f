export { parseExposition, samplesOf, valueOf, type Sample } from './exposition.js';
