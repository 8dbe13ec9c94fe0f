export { eventually, KafkaTestClient } from './kafka-test-client.js';
