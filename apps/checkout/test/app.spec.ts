import { start as startKafkaBroker } from '@shop/kafka-broker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckoutTestApp, type CheckoutTestApp } from './support/checkout-test.app.js';

describe('checkout app', () => {
  let kafka: Awaited<ReturnType<typeof startKafkaBroker>>;
  let checkout: CheckoutTestApp;

  beforeAll(async () => {
    kafka = await startKafkaBroker({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'silent' });
    checkout = await startCheckoutTestApp(
      { OUTBOX_RELAY_ENABLED: 'true', KAFKA_BROKERS: kafka.address },
      { consumeFrom: kafka.address },
    );
  }, 60_000);
  afterAll(async () => {
    await checkout.stop();
    await kafka.stop();
  });

  it('is live, and ready once its database, outbox and Kafka consumer answer', async () => {
    expect((await checkout.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(
      200,
    );
    // The consumer is ready once it joined its group.
    await expect
      .poll(
        async () => (await checkout.app.inject({ method: 'GET', url: '/health/ready' })).statusCode,
        {
          timeout: 60_000,
          interval: 100,
        },
      )
      .toBe(200);
    const ready = await checkout.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toMatchObject({
      info: { database: { status: 'up' }, outbox: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('is not ready, naming the database, when the database is gone — but stays live', async () => {
    await checkout.postgres.stop();
    const ready = await checkout.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ error: { database: { status: 'down' } } });
    expect((await checkout.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(
      200,
    );
  });
});
