export { messageExamples } from './message-examples.js';
