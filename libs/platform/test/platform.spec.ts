import { Writable } from 'node:stream';
import { Controller, Get, Logger, Module, Query, type DynamicModule } from '@nestjs/common';
import { z } from 'zod';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpApp,
  createLogger,
  HealthModule,
  LoggingModule,
  ZodValidationPipe,
  type ReadinessCheck,
} from '../src/index.js';

class Lines extends Writable {
  readonly entries: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      this.entries.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

@Controller('orders')
class OrdersController {
  private readonly logger = new Logger(OrdersController.name);
  @Get()
  list() {
    this.logger.log('listing orders');
    return [];
  }

  @Get('search')
  search(
    @Query(new ZodValidationPipe(z.object({ limit: z.coerce.number().int().max(100) }))) q: object,
  ) {
    return q;
  }

  @Get('broken')
  broken() {
    throw new Error('database password is hunter2');
  }
}

function appModule(lines: Lines, database: { up: boolean }): DynamicModule {
  const databaseCheck: ReadinessCheck = {
    name: 'database',
    check: () =>
      database.up ? Promise.resolve() : Promise.reject(new Error('connection refused')),
  };
  @Module({})
  class TestAppModule {}
  return {
    module: TestAppModule,
    imports: [
      LoggingModule.forRoot(createLogger({ service: 'demo', level: 'info', destination: lines })),
      HealthModule.forRoot({ drainMs: 0, checks: () => [databaseCheck] }),
    ],
    controllers: [OrdersController],
  };
}

describe('a service built on the platform', () => {
  const lines = new Lines();
  const database = { up: true };
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(appModule(lines, database), { shutdownHooks: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('is live and ready when its dependencies answer', async () => {
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(live.statusCode).toBe(200);
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('is not ready, naming the dependency, when one is down — but still live', async () => {
    database.up = false;
    try {
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        status: 'error',
        error: { database: { status: 'down' } },
      });
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      database.up = true;
    }
  });

  it('echoes the caller correlation id and writes it on every log line of the request', async () => {
    lines.entries.length = 0;
    const res = await app.inject({
      method: 'GET',
      url: '/orders',
      headers: { 'x-correlation-id': 'checkout-test-1' },
    });
    expect(res.headers['x-correlation-id']).toBe('checkout-test-1');
    const ofRequest = lines.entries.filter((e) => e.correlationId === 'checkout-test-1');
    expect(ofRequest.map((e) => e.msg)).toEqual(['listing orders', 'request completed']);
    expect(ofRequest.every((e) => e.service === 'demo')).toBe(true);
  });

  it('starts a new correlation id at the edge when the caller sends none', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders' });
    expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with a problem+json 404 carrying the correlation id', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { 'x-correlation-id': 'p-1' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      status: 404,
      correlationId: 'p-1',
      type: 'https://course-shop.example/problems/http-404',
    });
  });

  it('answers invalid input with a 400 problem naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders/search?limit=1000' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      type: 'https://course-shop.example/problems/invalid-request',
      errors: [{ field: 'limit' }],
    });
  });

  it('answers an unexpected error with a 500 problem that leaks nothing', async () => {
    const res = await app.inject({ method: 'GET', url: '/orders/broken' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.json()).toMatchObject({
      type: 'https://course-shop.example/problems/internal-error',
    });
  });
});
