import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startNotificationService,
  type NotificationService,
} from './support/notification-service.js';

describe('notification app', () => {
  let service: NotificationService;

  beforeAll(async () => {
    service = await startNotificationService();
  }, 60_000);
  afterAll(() => service.stop());

  it('is live, and ready once its database answers and its consumer is in its group', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    // The consumer is ready once it joined its group; on a loaded machine a
    // rebalance may still be under way when start-up returns.
    await expect
      .poll(
        async () => (await service.app.inject({ method: 'GET', url: '/health/ready' })).statusCode,
        { timeout: 60_000, interval: 100 },
      )
      .toBe(200);
    const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toMatchObject({
      info: { database: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('is not ready, naming the database, when the database is gone — but stays live', async () => {
    await service.postgres.down();
    const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ error: { database: { status: 'down' } } });
    expect((await service.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    await service.postgres.up();
  });
});
