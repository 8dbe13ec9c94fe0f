export { recordSpans, type SpanRecorder } from './span-recorder.js';
