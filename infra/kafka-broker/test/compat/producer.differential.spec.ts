import { apiVersionScenarios } from './scenarios/api-versions.scenarios.js';
import { idempotentProducerScenarios } from './scenarios/idempotent-producer.scenarios.js';
import { producerScenarios } from './scenarios/producer.scenarios.js';
import { refusalScenarios } from './scenarios/refusals.scenarios.js';
import { differential } from '../support/differential.js';

differential('API versions kafkajs negotiates', apiVersionScenarios);
differential('refusals', refusalScenarios);
differential('producing', producerScenarios);
differential('idempotent producer', idempotentProducerScenarios);
