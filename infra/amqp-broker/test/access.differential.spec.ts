import { accessScenarios } from './scenarios/access.scenarios.js';
import { differential } from './support/differential.js';

differential('users and permissions: login, configure, write and read', accessScenarios);
