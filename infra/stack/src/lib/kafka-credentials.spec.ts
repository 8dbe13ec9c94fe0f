import { start } from '@shop/kafka-broker';
import { realKafkaUnavailableReason, startRealKafka } from '@shop/real-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KAFKA_LOGINS, kafkaSaslUsers, STACK_ADMIN } from './broker-credentials.js';

interface Engine {
  readonly brokers: string;
  stop(): Promise<void>;
}

// The same users as the stack gives each engine (start-brokers.ts, real-kafka.recipe.ts).
const engines: Record<string, () => Promise<Engine>> = {
  embedded: async () => {
    const broker = await start({ port: 0, saslPlainUsers: kafkaSaslUsers(), logLevel: 'warn' });
    return { brokers: broker.address, stop: () => broker.stop() };
  },
  real: async () => {
    const kafka = await startRealKafka({ sasl: { users: kafkaSaslUsers() } });
    return { brokers: kafka.brokers, stop: () => kafka.stop() };
  },
};
const realUnavailable = realKafkaUnavailableReason();
// Skipping the real half is a failure where real Kafka is required (CI's REQUIRE_REAL_KAFKA=1).
if (realUnavailable !== undefined && process.env.REQUIRE_REAL_KAFKA === '1')
  throw new Error(`REQUIRE_REAL_KAFKA=1 but ${realUnavailable}`);
if (realUnavailable !== undefined)
  console.warn(`[kafka credentials] real half skipped: ${realUnavailable}`);

describe.each(Object.keys(engines))('the stack’s Kafka users on %s', (engine) => {
  let broker: Engine | undefined;
  beforeAll(async () => {
    if (engine === 'real' && realUnavailable !== undefined) return;
    broker = await engines[engine]?.();
  }, 240_000);
  afterAll(() => broker?.stop());

  const connectAs = async (username: string, password: string): Promise<string> => {
    const admin = new Kafka({
      clientId: 'stack-credentials',
      brokers: [broker?.brokers ?? ''],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: { mechanism: 'plain', username, password },
    }).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return 'ok';
    } catch (error) {
      return (error as Error).name;
    } finally {
      await admin.disconnect();
    }
  };

  it('lets every app and the admin in with its own password', async (ctx) => {
    if (broker === undefined) return ctx.skip();
    for (const { username, password } of [STACK_ADMIN, ...Object.values(KAFKA_LOGINS)])
      expect(await connectAs(username, password)).toBe('ok');
  });

  it('refuses a wrong password, and another app’s, with SASL_AUTHENTICATION_FAILED', async (ctx) => {
    if (broker === undefined) return ctx.skip();
    const { checkout, analytics } = KAFKA_LOGINS;
    expect(await connectAs(checkout.username, 'not-the-password')).toBe(
      'KafkaJSSASLAuthenticationError',
    );
    expect(await connectAs(checkout.username, analytics.password)).toBe(
      'KafkaJSSASLAuthenticationError',
    );
  });
});
