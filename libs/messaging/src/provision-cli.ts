#!/usr/bin/env node
// kafka-setup: as Kafka's admin (a super user), creates every topic of the
// purchase flow and every service's ACLs (kafkaAclPlan), waits until they are
// in effect, then exits — docker-compose's one-shot before any service starts.
// A broker that answers its healthcheck may still be too busy to create
// topics (a loaded machine): the whole, idempotent provisioning is tried again
// with backoff until KAFKA_SETUP_TIMEOUT_MS.
//   KAFKA_BROKERS=kafka:9092 KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD=… node dist/provision-cli.js
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, secret, z } from '@shop/config';
import {
  KAFKA_SERVICES,
  kafkaAclPlan,
  kafkaTopics,
  provisionKafka,
} from './lib/kafka-access-plan.js';

const schema = z.object({
  KAFKA_BROKERS: z.string().min(1).describe('Bootstrap brokers, host:port[,host:port…].'),
  KAFKA_SASL_USERNAME: z
    .string()
    .min(1)
    .default('admin')
    .describe('The admin, one of super.users.'),
  KAFKA_SASL_PASSWORD: secret(
    'dev-only-kafka-admin-password-change-me',
    'Password of the Kafka admin (KAFKA_SASL_USERNAME).',
  ),
  KAFKA_SETUP_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(300_000)
    .describe('How long to keep trying (every attempt is the whole, idempotent provisioning).'),
});

async function main(): Promise<void> {
  const config = loadConfig('kafka-setup', schema);
  // Each service logs in as its own name (docker-compose.yml's JAAS users).
  const users = Object.fromEntries(KAFKA_SERVICES.map((service) => [service, service])) as Record<
    (typeof KAFKA_SERVICES)[number],
    string
  >;
  const login = {
    brokers: config.KAFKA_BROKERS,
    sasl: {
      mechanism: 'plain' as const,
      username: config.KAFKA_SASL_USERNAME,
      password: config.KAFKA_SASL_PASSWORD,
    },
  };
  const deadline = Date.now() + config.KAFKA_SETUP_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await provisionKafka(login, users);
      break;
    } catch (error) {
      const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const waitMs = Math.min(15_000, 1_000 * 2 ** (attempt - 1));
      if (Date.now() + waitMs > deadline) throw error;
      console.error(`kafka-setup: attempt ${attempt} failed (${why}); again in ${waitMs / 1000} s`);
      await sleep(waitMs);
    }
  }
  console.log(
    `kafka-setup: ${kafkaTopics().length} topics and ${kafkaAclPlan(users).length} ACLs in effect`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
