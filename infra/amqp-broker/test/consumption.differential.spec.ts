import { consumptionScenarios } from './scenarios/consumption.scenarios.js';
import { differential } from './support/differential.js';

differential('consumption: prefetch, acks, requeue order', consumptionScenarios);
