export { messageExamples } from './message-examples.js';
export {
  assertOverInputs,
  CONTRACT_BOUNDARIES,
  HOSTILE_TEXTS,
  hostileInput,
  percentEncoded,
  type HostileInput,
  type HostileInputOptions,
} from './hostile-input.js';
