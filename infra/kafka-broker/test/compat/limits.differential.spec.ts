import { limitScenarios } from './scenarios/limits.scenarios.js';
import { differential } from '../support/differential.js';

differential('request size limit', limitScenarios);
