import { deadLetterScenarios } from './scenarios/dead-letter.scenarios.js';
import { differential } from './support/differential.js';

differential('dead-lettering: x-death, TTL, max-length, delivery limit', deadLetterScenarios);
