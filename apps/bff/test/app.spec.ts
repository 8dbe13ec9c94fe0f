import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { createHttpApp } from '@shop/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { bffConfigSchema } from '../src/config.js';

describe('bff app', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const config = loadConfig('bff', bffConfigSchema, { LOG_LEVEL: 'silent' });
    app = await createHttpApp(AppModule.forRoot(config), { shutdownHooks: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('boots on its documented defaults and answers liveness', async () => {
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
  });

});
