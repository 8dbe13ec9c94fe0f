import { saslScenarios } from './scenarios/sasl.scenarios.js';
import { differential } from '../support/differential.js';

differential('SASL PLAIN listener', saslScenarios, 180_000, 'sasl');
