import { confirmScenarios } from './scenarios/confirms.scenarios.js';
import { routingScenarios } from './scenarios/routing.scenarios.js';
import { differential } from './support/differential.js';

differential('routing', routingScenarios);
differential('publisher confirms', confirmScenarios);
