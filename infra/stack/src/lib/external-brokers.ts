import { amqpDefinitions, kafkaUsers, type BrokerLogin } from './broker-credentials.js';
import { provisionKafka } from '@shop/messaging';
import type { ExternalBrokers, StackConfig } from './stack.config.js';

/**
 * The brokers the caller runs (`KAFKA_BROKERS`, `AMQP_URL`), and which of them
 * are the stack's to provision: a Kafka given with a super user of its
 * (`KAFKA_ADMIN_USERNAME`/`_PASSWORD`), a RabbitMQ given with its management
 * API as an administrator (`AMQP_MANAGEMENT_URL`). Refuses a provisioning
 * setting without the broker it is for, naming both variables.
 */
export function externalBrokersOf(config: StackConfig): ExternalBrokers {
  const { KAFKA_BROKERS, KAFKA_ADMIN_USERNAME, KAFKA_ADMIN_PASSWORD } = config;
  const { AMQP_URL, AMQP_MANAGEMENT_URL } = config;
  if ((KAFKA_ADMIN_USERNAME === undefined) !== (KAFKA_ADMIN_PASSWORD === undefined))
    throw new Error(
      'KAFKA_ADMIN_USERNAME and KAFKA_ADMIN_PASSWORD go together: set both or neither',
    );
  if (KAFKA_ADMIN_USERNAME !== undefined && KAFKA_BROKERS === undefined)
    throw new Error('KAFKA_ADMIN_USERNAME names an admin of KAFKA_BROKERS, which is not set');
  if (AMQP_MANAGEMENT_URL !== undefined && AMQP_URL === undefined)
    throw new Error('AMQP_MANAGEMENT_URL is the management API of AMQP_URL, which is not set');
  return {
    kafka: KAFKA_BROKERS,
    kafkaAdmin:
      KAFKA_ADMIN_USERNAME === undefined || KAFKA_ADMIN_PASSWORD === undefined
        ? undefined
        : { username: KAFKA_ADMIN_USERNAME, password: KAFKA_ADMIN_PASSWORD },
    amqp: AMQP_URL,
    amqpManagementUrl: AMQP_MANAGEMENT_URL,
  };
}

/**
 * Gives a caller's broker the stack's users and permissions, when it is the
 * stack's to provision: on Kafka, as its admin, the topics and every app's
 * ACLs (the broker's SASL/PLAIN users must be the stack's, `kafkaSaslUsers()`:
 * Kafka keeps them in its JAAS configuration, out of the protocol's reach);
 * on RabbitMQ, the users and permissions of `amqpDefinitions()`, imported
 * through the management API. Says what it did; nothing for a caller-owned broker.
 */
export async function provisionExternalBrokers(
  external: ExternalBrokers,
  log: (line: string) => void,
): Promise<void> {
  await Promise.all([
    external.kafka !== undefined && external.kafkaAdmin !== undefined
      ? provisionKafka(
          { brokers: external.kafka, sasl: { mechanism: 'plain', ...external.kafkaAdmin } },
          kafkaUsers(),
        ).then(() => {
          log(
            `kafka        provisioned the topics and every app's ACLs as ${external.kafkaAdmin?.username}`,
          );
        })
      : undefined,
    external.amqpManagementUrl === undefined
      ? undefined
      : importAmqpDefinitions(external.amqpManagementUrl).then(() => {
          log('amqp         imported every app’s user and permissions through the management API');
        }),
  ]);
}

/** `url` (amqp://…) as `login`: the same broker, host and vhost, another user. */
export function amqpUrlWithLogin(url: string, login: BrokerLogin): string {
  const withLogin = new URL(url);
  withLogin.username = encodeURIComponent(login.username);
  withLogin.password = encodeURIComponent(login.password);
  return withLogin.toString();
}

// POST /api/definitions merges: users and permissions are created or updated,
// nothing else the broker has is removed.
async function importAmqpDefinitions(managementUrl: string): Promise<void> {
  const url = new URL('/api/definitions', managementUrl);
  const user = decodeURIComponent(url.username);
  const authorization = `Basic ${Buffer.from(`${user}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  url.username = '';
  url.password = '';
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(amqpDefinitions()),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok)
    throw new Error(
      `importing the stack's AMQP users at ${url.origin} as ${user}: ${response.status} ${await response.text()}`,
    );
}
