import { limitScenarios } from './scenarios/limits.scenarios.js';
import { differential } from './support/differential.js';

differential('resource limits: handshake timeout, frame_max, max_message_size', limitScenarios);
