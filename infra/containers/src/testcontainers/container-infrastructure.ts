import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { OFFICIAL_IMAGES, STAND_IN_IMAGES } from '../images.js';
import { ContainerComponent } from './container-component.js';
import { connectContainerEngine } from './container-engine.js';
import { startEngineContainer, type EngineSpec, type HostPort } from './engine-container.js';
import { adminOf, kafkaContainer, type KafkaUsers } from './kafka.container.js';
import { postgresContainer } from './postgres.container.js';
import { rabbitMqContainer } from './rabbitmq.container.js';
import { removeLeftovers, removeRun, runLabels } from './run-labels.js';

/** `official`: the pinned images a Docker user pulls; `stand-ins`: the local ones built offline. */
export type ImageSet = 'official' | 'stand-ins';

export interface ContainerInfrastructureOptions {
  readonly images?: ImageSet;
  /** How long each container may take to serve, at start and after a restart. */
  readonly readyTimeoutMs?: number;
  /**
   * Kafka's SASL/PLAIN users (name → password); the first is its admin, the
   * one super user. Give the stack's (`kafkaSaslUsers()` of `@shop/stack`)
   * for the stack to provision this Kafka; by default an admin alone.
   */
  readonly kafkaUsers?: KafkaUsers;
  readonly log?: (line: string) => void;
}

/** PostgreSQL, Kafka and RabbitMQ in containers, and what the stack needs to use them. */
export interface ContainerInfrastructure {
  readonly runId: string;
  /** An admin URL (the stack's POSTGRES_URL). */
  readonly postgresUrl: string;
  readonly kafkaBrokers: string;
  /** Kafka's admin (a super user): every other user may do only what ACLs allow. */
  readonly kafkaAdmin: { readonly username: string; readonly password: string };
  /** As RabbitMQ's administrator. */
  readonly amqpUrl: string;
  /** RabbitMQ's management API, as its administrator (`http://user:pass@host:port`). */
  readonly amqpManagementUrl: string;
  /** The brokers, to stop and start through the stack's control API. */
  readonly components: readonly ContainerComponent[];
  /** Removes every container of this run. */
  readonly remove: () => Promise<void>;
}

/**
 * Starts the three engines with testcontainers, labelled with this run and its
 * owner process; first removes the containers of runs whose owner died
 * without cleaning up (no Ryuk needed).
 */
export async function startContainerInfrastructure(
  options: ContainerInfrastructureOptions = {},
): Promise<ContainerInfrastructure> {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.readyTimeoutMs ?? 180_000;
  const images = imagesOf(options.images ?? 'official');
  const client = await connectContainerEngine();
  const leftovers = await removeLeftovers(client);
  if (leftovers > 0) log(`containers   removed ${leftovers} left over by runs that were killed`);

  const runId = randomUUID().slice(0, 8);
  const host = client.info.containerRuntime.host;
  const postgres = postgresContainer(images.postgres, await freePort(host));
  const kafkaUsers = options.kafkaUsers ?? { admin: randomBytes(18).toString('base64url') };
  const kafka = kafkaContainer(images.kafka, await freePort(host), kafkaUsers);
  const amqp = rabbitMqContainer(images.rabbitmq, await freePort(host), await freePort(host));
  const remove = async () => {
    const removed = await removeRun(client, runId);
    log(`containers   removed the ${removed} of run ${runId}`);
  };
  try {
    const started = await Promise.all(
      [postgres, kafka, amqp].map(async (spec: EngineSpec) => {
        const at = Date.now();
        const container = await startEngineContainer(client, spec, {
          name: `course-shop-${runId}-${spec.name}`,
          labels: runLabels(runId),
          timeoutMs,
        });
        log(`${spec.name.padEnd(12)} container ${spec.image} serving (${Date.now() - at} ms)`);
        return new ContainerComponent(client, container, spec, timeoutMs, log);
      }),
    );
    return {
      runId,
      postgresUrl: postgres.address,
      kafkaBrokers: kafka.address,
      kafkaAdmin: adminOf(kafkaUsers),
      amqpUrl: amqp.address,
      amqpManagementUrl: amqp.managementUrl,
      components: started.filter((c) => c.name !== 'postgres'),
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

function imagesOf(set: ImageSet): { postgres: string; kafka: string; rabbitmq: string } {
  if (set === 'official') return OFFICIAL_IMAGES;
  const { postgres, kafka, rabbitmq } = STAND_IN_IMAGES;
  if (!postgres || !kafka || !rabbitmq) throw new Error('a stand-in image is missing');
  return { postgres, kafka, rabbitmq };
}

// Published on loopback when the engine runs here; chosen now so that Kafka can advertise it.
async function freePort(host: string): Promise<HostPort> {
  const server = createServer();
  const bindTo = ['localhost', '127.0.0.1', '::1'].includes(host) ? '127.0.0.1' : '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(0, bindTo, resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return { host, port: address.port };
}
