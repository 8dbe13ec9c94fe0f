import { groupScenarios } from './scenarios/groups.scenarios.js';
import { nestScenarios } from './scenarios/nest.scenarios.js';
import { differential } from '../support/differential.js';

differential('consumer groups', groupScenarios);
differential('NestJS microservices', nestScenarios);
