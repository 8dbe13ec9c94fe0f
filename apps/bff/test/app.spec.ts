import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { startServiceApp } from '@shop/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../src/app.module.js';
import { bffConfigSchema } from '../src/config.js';

describe('bff app', () => {
  const checkout = { up: true };
  let upstream: Server;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    // A stand-in for checkout's subgraph that answers Apollo's health-check
    // query ({ __typename }) and can be switched off.
    upstream = createServer((_req, res) => {
      if (!checkout.up) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { __typename: 'Query' } }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    const env = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      CHECKOUT_GRAPHQL_URL: `http://127.0.0.1:${port}/graphql`,
    };
    app = await startServiceApp(AppModule.forRoot(loadConfig('bff', bffConfigSchema, env)));
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('is live, and ready while checkout — the service it composes — answers', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ info: { checkout: { status: 'up' } } });
  });

  it('is not ready, naming checkout, when checkout is down', async () => {
    checkout.up = false;
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ error: { checkout: { status: 'down' } } });
  });
});
