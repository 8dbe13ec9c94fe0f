export { start, type BrokerOptions, type RunningBroker } from './broker.js';
export {
  GUEST_DEFINITIONS,
  parseDefinitions,
  readDefinitionsFile,
  type BrokerDefinitions,
  type PermissionDefinition,
  type UserDefinition,
} from './auth/definitions.js';
export {
  prepareRabbitMqNode,
  rabbitMqUnavailableReason,
  stopEpmd,
  type RabbitMqLaunch,
  type RabbitMqNodeSettings,
} from './testing/rabbitmq-node.js';
export { importRabbitMqDefinitions } from './testing/rabbitmq-definitions.js';
export { startRabbitMq, type RealRabbitMq } from './testing/rabbitmq.process.js';
