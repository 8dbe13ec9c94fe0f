export { start, type BrokerOptions, type RunningBroker } from './broker.js';
export {
  prepareRabbitMqNode,
  rabbitMqUnavailableReason,
  stopEpmd,
  type RabbitMqLaunch,
  type RabbitMqNodeSettings,
} from './testing/rabbitmq-node.js';
