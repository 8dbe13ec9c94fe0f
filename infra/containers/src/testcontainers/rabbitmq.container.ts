import type { EngineSpec, HostPort } from './engine-container.js';
import { amqpServes } from './serving.probes.js';

const USER = 'shop';
const PASSWORD = 'shop';

/** The official rabbitmq image: its first user from RABBITMQ_DEFAULT_USER/PASS (guest may only log in from loopback). */
export function rabbitMqContainer(image: string, at: HostPort): EngineSpec {
  const address = `amqp://${USER}:${PASSWORD}@${at.host}:${at.port}`;
  return {
    name: 'amqp',
    image,
    at,
    containerPort: 5672,
    environment: { RABBITMQ_DEFAULT_USER: USER, RABBITMQ_DEFAULT_PASS: PASSWORD },
    address,
    probe: amqpServes(address),
  };
}
