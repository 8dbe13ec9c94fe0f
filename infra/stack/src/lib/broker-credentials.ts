import type { BrokerDefinitions, PermissionDefinition } from '@shop/amqp-broker';
import { provisionKafka, type KafkaService } from '@shop/messaging';

/** A broker login of the local stack. */
export interface BrokerLogin {
  readonly username: string;
  readonly password: string;
}

/** The apps that reach RabbitMQ, each as its own user. */
export type AmqpApp = 'checkout' | 'enrollment';

/** The apps that reach Kafka, each as its own SASL/PLAIN user (`@shop/messaging`'s KafkaService). */
export type KafkaApp = KafkaService;

// Development-only passwords: the stack runs on 127.0.0.1 for one developer.
// A deployment provisions its own users and hands each app its AMQP_URL.
const devLogin = (name: string): BrokerLogin => ({
  username: name,
  password: `${name}-dev-password`,
});

/** Operators, tests and tools (e2e's parking-lot checks, `redrive`): every permission. */
export const STACK_ADMIN = devLogin('stack-admin');

export const AMQP_LOGINS: Readonly<Record<AmqpApp, BrokerLogin>> = {
  checkout: devLogin('checkout'),
  enrollment: devLogin('enrollment'),
};

// enrollment's queue, its delay queues and its parking lot.
const enrollmentQueues = String.raw`enrollment\.grant-seat(\.retry\.[0-9]+|\.parking)?`;

/**
 * Each app may touch only its own resources (RabbitMQ's regular expressions,
 * anchored here; `^$` grants nothing):
 * - checkout's outbox publishes grant-seat commands to `enrollment.commands`
 *   and declares nothing;
 * - enrollment declares its exchange and queues, binds them (write on the
 *   queue, read on the exchange), consumes them, and moves commands to its
 *   delay queues and parking lot through the default exchange (`amq.default`)
 *   and back through `enrollment.commands` (dead-lettering).
 */
const AMQP_PERMISSIONS: Readonly<Record<AmqpApp, Omit<PermissionDefinition, 'user' | 'vhost'>>> = {
  checkout: { configure: '^$', write: String.raw`^enrollment\.commands$`, read: '^$' },
  enrollment: {
    configure: String.raw`^(enrollment\.commands|${enrollmentQueues})$`,
    write: String.raw`^(amq\.default|enrollment\.commands|${enrollmentQueues})$`,
    read: String.raw`^(enrollment\.commands|${enrollmentQueues})$`,
  },
};

/** The stack's RabbitMQ users in RabbitMQ's definitions format: loaded by both engines. */
export function amqpDefinitions(): BrokerDefinitions {
  const everything = { configure: '.*', write: '.*', read: '.*' };
  const apps = Object.entries(AMQP_LOGINS) as [AmqpApp, BrokerLogin][];
  return {
    users: [STACK_ADMIN, ...apps.map(([, login]) => login)].map((login) => ({
      name: login.username,
      password: login.password,
      tags: login === STACK_ADMIN ? 'administrator' : '',
    })),
    vhosts: [{ name: '/' }],
    permissions: [
      { user: STACK_ADMIN.username, vhost: '/', ...everything },
      ...apps.map(([app, login]) => ({
        user: login.username,
        vhost: '/',
        ...AMQP_PERMISSIONS[app],
      })),
    ],
  };
}

/**
 * The same users and permissions for docker-compose's RabbitMQ
 * (infra/compose/rabbitmq/definitions.template.json, checked against this):
 * the administrator is `${RABBITMQ_USER}`, and every password a `${VARIABLE}`
 * that compose's `with-definitions.sh` fills in from the environment at start.
 */
export function amqpDefinitionsTemplate(): BrokerDefinitions {
  const definitions = amqpDefinitions();
  const nameOf = (user: string) => (user === STACK_ADMIN.username ? '${RABBITMQ_USER}' : user);
  const passwordOf = (user: string) =>
    user === STACK_ADMIN.username
      ? '${RABBITMQ_PASSWORD}'
      : `\${${user.toUpperCase()}_AMQP_PASSWORD}`;
  return {
    ...definitions,
    users: definitions.users.map((user) => ({
      ...user,
      name: nameOf(user.name),
      password: passwordOf(user.name),
    })),
    permissions: definitions.permissions.map((permission) => ({
      ...permission,
      user: nameOf(permission.user),
    })),
  };
}

/** `amqp://user:pass@127.0.0.1:port`, the password URL-encoded. */
export function amqpUrlAs(login: BrokerLogin, port: number): string {
  const user = encodeURIComponent(login.username);
  return `amqp://${user}:${encodeURIComponent(login.password)}@127.0.0.1:${port}`;
}

export const KAFKA_LOGINS: Readonly<Record<KafkaApp, BrokerLogin>> = {
  checkout: devLogin('checkout'),
  enrollment: devLogin('enrollment'),
  notification: devLogin('notification'),
  analytics: devLogin('analytics'),
};

/**
 * The stack's Kafka users (name → password) for a SASL_PLAINTEXT listener,
 * `stack-admin` first: real Kafka reaches itself and the stack probes it as that user.
 */
export function kafkaSaslUsers(): Record<string, string> {
  const logins = [STACK_ADMIN, ...Object.values(KAFKA_LOGINS)];
  return Object.fromEntries(logins.map((login) => [login.username, login.password]));
}

/** The variables of `kafkaCredentialsConfig` (`@shop/messaging`) for one login; none without one. */
export function kafkaSaslEnv(login: BrokerLogin | undefined): Record<string, string> {
  return login === undefined
    ? {}
    : { KAFKA_SASL_USERNAME: login.username, KAFKA_SASL_PASSWORD: login.password };
}

/**
 * Kafka's `super.users` of the stack: only `stack-admin`, which creates the
 * topics and ACLs (`provisionKafka` of `@shop/messaging`) and serves tests and tools.
 */
export const KAFKA_SUPER_USERS: readonly string[] = [`User:${STACK_ADMIN.username}`];

/** Each app's Kafka user name, what the ACL plan (`kafkaAclPlan`) grants to. */
export function kafkaUsers(): Record<KafkaApp, string> {
  const apps = Object.entries(KAFKA_LOGINS) as [KafkaApp, BrokerLogin][];
  return Object.fromEntries(apps.map(([app, login]) => [app, login.username])) as Record<
    KafkaApp,
    string
  >;
}

/** Creates the stack's topics and every app's ACLs on a broker the stack started, as `stack-admin`. */
export async function provisionStackKafka(brokers: string): Promise<void> {
  const { username, password } = STACK_ADMIN;
  await provisionKafka({ brokers, sasl: { mechanism: 'plain', username, password } }, kafkaUsers());
}
