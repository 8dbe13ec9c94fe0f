import {
  AMQP_LOGINS,
  amqpUrlWithLogin,
  KAFKA_LOGINS,
  STACK_ADMIN,
  type BrokerLogin,
} from '@shop/stack';
import amqp from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, inject, it } from 'vitest';
import { COURSES, CheckoutClient, newLearner } from '../support/checkout.client.js';
import { ASYNC_TIMEOUT, orderReaching } from '../support/flow.js';

const stack = inject('stack');

/** The reply text of a refusal, or 'ok'. */
async function outcome(operation: () => Promise<unknown>): Promise<string> {
  try {
    await operation();
    return 'ok';
  } catch (error) {
    return /[A-Z_]+ - [^"]*/.exec(String(error))?.[0] ?? String(error);
  }
}

// Brokers the caller owns (AMQP_URL, KAFKA_BROKERS) have the caller's users, not the stack's;
// those it gives the stack to provision (the containers of E2E_ENGINES=containers) have the stack's.
const stackOwnsAmqp = new URL(stack.amqpUrl).username === STACK_ADMIN.username;
const stackOwnsKafka = stack.kafkaAdmin !== null;
if (!stackOwnsAmqp)
  console.warn('[broker credentials] AMQP refusals skipped: AMQP_URL is a broker the caller owns');
if (!stackOwnsKafka)
  console.warn(
    '[broker credentials] Kafka refusals skipped: KAFKA_BROKERS is a broker the caller owns',
  );

describe.skipIf(!stackOwnsAmqp)('each service reaches RabbitMQ as its own user', () => {
  // The stack's broker, or the caller's it provisioned: the admin's URL with another login.
  const urlAs = (login: BrokerLogin) => amqpUrlWithLogin(stack.amqpUrl, login);

  it('refuses checkout consuming enrollment’s queue with ACCESS_REFUSED', async () => {
    const connection = await amqp.connect(urlAs(AMQP_LOGINS.checkout));
    connection.on('error', () => undefined);
    try {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      expect(await outcome(() => channel.consume('enrollment.grant-seat', () => undefined))).toBe(
        "ACCESS_REFUSED - access to queue 'enrollment.grant-seat' in vhost '/' refused for user 'checkout'",
      );
    } finally {
      await connection.close().catch(() => undefined);
    }
  });

  it('refuses a wrong password with ACCESS_REFUSED at login', async () => {
    const wrong = { ...AMQP_LOGINS.checkout, password: 'not-the-password' };
    expect(await outcome(() => amqp.connect(urlAs(wrong)))).toMatch(
      /^ACCESS_REFUSED - Login was refused/,
    );
  });
});

// Who is connected, by RabbitMQ's own account: its management API (a broker the stack provisioned).
async function amqpConnectionUsers(managementUrl: string): Promise<string[]> {
  const url = new URL('/api/connections', managementUrl);
  const login = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  const response = await fetch(url, {
    headers: { authorization: `Basic ${Buffer.from(login).toString('base64')}` },
  });
  const connections = (await response.json()) as { user: string }[];
  return [...new Set(connections.map((c) => c.user))].sort();
}

if (!stack.amqpManagementUrl) {
  console.info(
    'SKIPPED "the apps on a RabbitMQ the stack provisioned": no management API to ask who is connected (it runs under E2E_ENGINES=containers)',
  );
}
describe.skipIf(!stack.amqpManagementUrl)('the apps on a RabbitMQ the stack provisioned', () => {
  it('are connected as checkout and enrollment, each its own user, none as an administrator', async () => {
    // checkout connects when it first publishes: a purchase makes it publish a grant-seat command.
    const checkout = CheckoutClient.onPort(stack.ports.CHECKOUT_PORT);
    const placed = await checkout.placeOrder({
      learnerId: newLearner(),
      courseIds: [COURSES.messaging101],
      cardToken: 'tok_visa',
    });
    expect(placed.status).toBe(201);
    await orderReaching(checkout, placed.json.id, 'COMPLETED');
    // No test client stays connected: only the apps' connections remain.
    await expect
      .poll(() => amqpConnectionUsers(stack.amqpManagementUrl!), ASYNC_TIMEOUT)
      .toEqual([AMQP_LOGINS.checkout.username, AMQP_LOGINS.enrollment.username]);
  });
});

describe.skipIf(!stackOwnsKafka)('each service reaches Kafka as its own SASL/PLAIN user', () => {
  const connectAs = async (username: string, password: string) => {
    const admin = new Kafka({
      clientId: 'e2e-credentials',
      brokers: stack.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: { mechanism: 'plain', username, password },
    }).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return 'ok';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    } finally {
      await admin.disconnect();
    }
  };

  it('lets analytics in with its own password and refuses a wrong one with SASL_AUTHENTICATION_FAILED', async () => {
    const { username, password } = KAFKA_LOGINS.analytics;
    expect(await connectAs(username, password)).toBe('ok');
    expect(await connectAs(username, 'not-the-password')).toBe(
      'KafkaJSSASLAuthenticationError: SASL PLAIN authentication failed: Authentication failed: Invalid username or password',
    );
  });
});

describe.skipIf(!stackOwnsKafka)('each service may do on Kafka only what its ACLs allow', () => {
  it('refuses an order.completed.v1 forged with notification’s credentials: TOPIC_AUTHORIZATION_FAILED', async () => {
    const { username, password } = KAFKA_LOGINS.notification;
    const producer = new Kafka({
      clientId: 'e2e-forger',
      brokers: stack.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
      sasl: { mechanism: 'plain', username, password },
    }).producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 2 } });
    try {
      await producer.connect();
      const forged = producer.send({
        topic: 'order.completed.v1',
        messages: [{ key: 'forged', value: '{}' }],
      });
      await expect(forged).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    } finally {
      await producer.disconnect();
    }
  });
});
