import { handshakeScenarios } from './scenarios/handshake.scenarios.js';
import { payloadScenarios } from './scenarios/payload.scenarios.js';
import { differential } from './support/differential.js';

differential('handshake and heartbeats', handshakeScenarios);
differential('payloads, properties and field tables', payloadScenarios);
