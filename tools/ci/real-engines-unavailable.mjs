// Prints why the end-to-end suite cannot run on real Kafka + RabbitMQ here
// (nothing when it can). Reads the built packages: run after the build.
import { rabbitMqUnavailableReason } from '../../infra/amqp-broker/dist/index.js';
import { realKafkaUnavailableReason } from '../../infra/real-kafka/dist/index.js';

const reasons = [realKafkaUnavailableReason(), rabbitMqUnavailableReason()].filter(Boolean);
process.stdout.write(reasons.join('; '));
