import { consumerScenarios } from './scenarios/consumer.scenarios.js';
import { differential } from '../support/differential.js';

differential('consuming', consumerScenarios);
