import { startContainerInfrastructure, type ImageSet } from '@shop/containers';
import { kafkaSaslUsers, type Component } from '@shop/stack';

/** The infrastructure under a stack of the suite, and what the stack is told about it. */
export interface Engines {
  /** Stack variables (STACK_KAFKA, POSTGRES_URL, KAFKA_BROKERS, …). */
  readonly env: Readonly<Record<string, string>>;
  /** Components the suite owns, reachable through the stack's control API. */
  readonly components: readonly Component[];
  readonly description: string;
  /** Removes what was started here (nothing, unless containers). */
  readonly release: () => Promise<void>;
}

/**
 * `E2E_ENGINES` picks the infrastructure of the suite's stack (and of the one
 * the shutdown test launches); the tests are the same:
 * - `stand-ins` (default): embedded PostgreSQL and the project's brokers;
 * - `real`: real Apache Kafka and RabbitMQ as native processes;
 * - `containers`: PostgreSQL, Kafka and RabbitMQ in containers started with
 *   testcontainers, from the official images or (`E2E_IMAGES=stand-ins`)
 *   the local stand-ins.
 */
export async function startEngines(
  log: (line: string) => void = () => undefined,
): Promise<Engines> {
  const engines = process.env.E2E_ENGINES ?? 'stand-ins';
  switch (engines) {
    case 'stand-ins':
      return nativeEngines({}, 'embedded PostgreSQL, Kafka and AMQP stand-ins');
    case 'real':
      return nativeEngines(
        { STACK_KAFKA: 'real', STACK_AMQP: 'real' },
        'embedded PostgreSQL, real Apache Kafka and RabbitMQ',
      );
    case 'containers':
      return containerEngines(imageSet(), log);
    default:
      throw new Error(`E2E_ENGINES=${engines}: expected 'stand-ins', 'real' or 'containers'`);
  }
}

function nativeEngines(env: Record<string, string>, description: string): Engines {
  return { env, components: [], description, release: () => Promise.resolve() };
}

async function containerEngines(images: ImageSet, log: (line: string) => void): Promise<Engines> {
  // Kafka gets the stack's users (stack-admin first: its admin), and both
  // brokers are the stack's to provision: every app on its own login and ACLs.
  const infrastructure = await startContainerInfrastructure({
    images,
    kafkaUsers: kafkaSaslUsers(),
    log,
  });
  return {
    env: {
      POSTGRES_URL: infrastructure.postgresUrl,
      KAFKA_BROKERS: infrastructure.kafkaBrokers,
      KAFKA_ADMIN_USERNAME: infrastructure.kafkaAdmin.username,
      KAFKA_ADMIN_PASSWORD: infrastructure.kafkaAdmin.password,
      AMQP_URL: infrastructure.amqpUrl,
      AMQP_MANAGEMENT_URL: infrastructure.amqpManagementUrl,
    },
    components: infrastructure.components,
    description: `PostgreSQL, Kafka and RabbitMQ in containers (${images} images, run ${infrastructure.runId})`,
    release: infrastructure.remove,
  };
}

function imageSet(): ImageSet {
  const images = process.env.E2E_IMAGES ?? 'official';
  if (images === 'official' || images === 'stand-ins') return images;
  throw new Error(`E2E_IMAGES=${images}: expected 'official' or 'stand-ins'`);
}
