export { KafkaTestClient } from './kafka-test-client.js';
