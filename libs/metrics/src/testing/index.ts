export { parseExposition, samplesOf, valueOf, type Sample } from '../lib/exposition.js';
