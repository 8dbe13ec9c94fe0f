import { adminScenarios } from './scenarios/admin.scenarios.js';
import { listOffsetsScenarios } from './scenarios/list-offsets.scenarios.js';
import { topicErrorScenarios } from './scenarios/topic-errors.scenarios.js';
import { differential } from '../support/differential.js';

differential('admin operations', adminScenarios);
differential('CreateTopics errors', topicErrorScenarios);
differential('ListOffsets', listOffsetsScenarios);
