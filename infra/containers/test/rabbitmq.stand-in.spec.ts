import amqp from 'amqplib';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_IMAGES } from '../src/index.js';
import { skipReasonFor, STARTUP_TIMEOUT_MS } from './support/container-engine.js';

const image = STAND_IN_IMAGES.rabbitmq ?? '';
const skip = await skipReasonFor('rabbitmq stand-in', image);

const user = 'shop';
const password = 'shop-secret';
const vhost = 'shop';

describe.skipIf(skip !== undefined)('the rabbitmq stand-in, with RABBITMQ_DEFAULT_*', () => {
  let container: StartedTestContainer;

  beforeAll(async () => {
    container = await new GenericContainer(image)
      .withEnvironment({
        RABBITMQ_DEFAULT_USER: user,
        RABBITMQ_DEFAULT_PASS: password,
        RABBITMQ_DEFAULT_VHOST: vhost,
      })
      .withExposedPorts(5672, 15672)
      .withWaitStrategy(Wait.forLogMessage(/Server startup complete/))
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .start();
  });
  afterAll(async () => {
    await container.stop();
  });

  it('lets the default user publish and consume on the default vhost over AMQP 0-9-1', async () => {
    const connection = await amqp.connect({
      hostname: container.getHost(),
      port: container.getMappedPort(5672),
      username: user,
      password,
      vhost,
    });
    try {
      const channel = await connection.createChannel();
      await channel.assertQueue('stand-in.grants', { durable: false });
      channel.sendToQueue('stand-in.grants', Buffer.from('seat'));
      await expect
        .poll(async () => (await channel.get('stand-in.grants', { noAck: true })) || undefined, {
          timeout: 30_000,
        })
        .toMatchObject({ content: Buffer.from('seat') });
    } finally {
      await connection.close();
    }
  });

  it('serves the management API on 15672 to the default user, as an administrator', async () => {
    const base = `http://${container.getHost()}:${container.getMappedPort(15672)}`;
    const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const whoami = await fetch(`${base}/api/whoami`, { headers: { authorization: auth } });
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toMatchObject({ name: user, tags: ['administrator'] });
    const vhosts = await fetch(`${base}/api/vhosts`, { headers: { authorization: auth } });
    expect(((await vhosts.json()) as { name: string }[]).map((v) => v.name)).toEqual([vhost]);
  });

  it('answers rabbitmq-diagnostics ping for healthchecks', async () => {
    const ping = await container.exec(['rabbitmq-diagnostics', '-q', 'ping']);
    expect(ping.exitCode).toBe(0);
  });
});
