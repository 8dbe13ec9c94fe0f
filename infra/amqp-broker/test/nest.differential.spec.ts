import { nestScenarios } from './nest/nest.scenarios.js';
import { relayScenarios } from './nest/relay.scenarios.js';
import { differential } from './support/differential.js';

differential('Nest 12 RMQ transport', nestScenarios);
differential('confirmed relay across a connection loss', relayScenarios);
