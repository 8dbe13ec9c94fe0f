import { topologyScenarios } from './scenarios/topology.scenarios.js';
import { differential } from './support/differential.js';

differential('topology: declare, redeclare, delete', topologyScenarios);
