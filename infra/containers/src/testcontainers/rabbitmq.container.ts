import { randomBytes } from 'node:crypto';
import type { EngineSpec, HostPort } from './engine-container.js';
import { amqpServes } from './serving.probes.js';

const ADMIN = 'shop';
const MANAGEMENT_PORT = 15672;

/**
 * The official rabbitmq image (its `-management` tag): its first user, an
 * administrator, from RABBITMQ_DEFAULT_USER/PASS, with a password of this run
 * (`guest` may only log in from loopback). The management API is published
 * too: whoever provisions the broker's users and permissions (the stack,
 * `AMQP_MANAGEMENT_URL`) imports them there.
 */
export function rabbitMqContainer(
  image: string,
  at: HostPort,
  managementAt: HostPort,
): EngineSpec & { readonly managementUrl: string } {
  const password = randomBytes(18).toString('base64url');
  const address = `amqp://${ADMIN}:${password}@${at.host}:${at.port}`;
  const managementUrl = `http://${ADMIN}:${password}@${managementAt.host}:${managementAt.port}`;
  return {
    name: 'amqp',
    image,
    at,
    containerPort: 5672,
    alsoPublished: [{ containerPort: MANAGEMENT_PORT, at: managementAt }],
    environment: { RABBITMQ_DEFAULT_USER: ADMIN, RABBITMQ_DEFAULT_PASS: password },
    address,
    managementUrl,
    probe: amqpServes(address, managementUrl),
  };
}
