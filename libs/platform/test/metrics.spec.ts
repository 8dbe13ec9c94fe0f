import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import {
  Controller,
  Get,
  Module,
  NotFoundException,
  Param,
  type DynamicModule,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseExposition, valueOf } from '@shop/metrics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcMetricsInterceptor } from '../src/lib/metrics/grpc-metrics.interceptor.js';
import { ServiceModule, startServiceApp } from '../src/index.js';

const TOKEN = 'a-metrics-token-of-at-least-32-characters';

@Controller('v1/things')
class ThingsController {
  @Get(':id')
  thing(@Param('id') id: string) {
    if (id.startsWith('missing')) throw new NotFoundException();
    return { id };
  }
}

function appModule(): DynamicModule {
  @Module({ controllers: [ThingsController] })
  class MetricsTestModule {}
  return {
    module: MetricsTestModule,
    imports: [
      ServiceModule.forRoot({
        name: 'metrics-test',
        config: { LOG_LEVEL: 'silent', SHUTDOWN_DRAIN_MS: 0, METRICS_TOKEN: TOKEN },
      }),
    ],
  };
}

let app: NestFastifyApplication;
beforeAll(async () => {
  app = await startServiceApp(appModule());
});
afterAll(() => app.close());

async function scrape() {
  const response = await app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return { text: response.body, samples: parseExposition(response.body) };
}

describe('GET /metrics', () => {
  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-metrics-token-not-the-metrics-token' }],
    ['the token without its scheme', { authorization: TOKEN }],
  ])('answers 401 problem+json with WWW-Authenticate to %s', async (_, headers) => {
    const response = await app.inject({ method: 'GET', url: '/metrics', headers });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body).not.toContain('http_server_request_duration');
  });

  it('serves runtime metrics to the holder of the token', async () => {
    const { samples } = await scrape();
    expect(valueOf(samples, 'process_cpu_time_total')).toBeGreaterThan(0);
  });
});

describe('HTTP request metrics (http.server.request.duration)', () => {
  const series = (status: string) => ({
    http_request_method: 'GET',
    http_route: '/v1/things/:id',
    http_response_status_code: status,
  });

  it('counts each request under its route template and status, and times it', async () => {
    const before = (await scrape()).samples;
    await app.inject({ method: 'GET', url: `/v1/things/${randomUUID()}` });
    await app.inject({ method: 'GET', url: `/v1/things/${randomUUID()}` });
    await app.inject({ method: 'GET', url: '/v1/things/missing-1' });
    const after = (await scrape()).samples;
    const moved = (status: string) =>
      valueOf(after, 'http_server_request_duration_count', series(status)) -
      valueOf(before, 'http_server_request_duration_count', series(status));
    expect(moved('200')).toBe(2);
    expect(moved('404')).toBe(1);
    expect(valueOf(after, 'http_server_request_duration_sum', series('200'))).toBeGreaterThan(0);
  });

  it('never puts an id or a raw URL in a label, however many distinct ones arrive', async () => {
    const ids = Array.from({ length: 50 }, () => randomUUID());
    for (const id of ids) {
      await app.inject({ method: 'GET', url: `/v1/things/${id}` });
      await app.inject({ method: 'GET', url: `/no-such-route/${id}?q=${id}` });
      await app.inject({ method: 'PROPFIND', url: `/v1/things/${id}` });
    }
    const { text, samples } = await scrape();
    for (const id of ids) expect(text).not.toContain(id);
    const routes = new Set(
      samples.flatMap((s) => (s.labels.http_route === undefined ? [] : [s.labels.http_route])),
    );
    expect([...routes].every((route) => !route.includes('no-such-route'))).toBe(true);
    const methods = new Set(samples.map((s) => s.labels.http_request_method).filter(Boolean));
    expect([...methods].every((m) => ['GET', '_OTHER'].includes(m ?? ''))).toBe(true);
  });
});

describe('gRPC call metrics (rpc.server.call.duration)', () => {
  const json = {
    serialize: (value: unknown) => Buffer.from(JSON.stringify(value)),
    deserialize: (bytes: Buffer): unknown => JSON.parse(bytes.toString()),
  };
  const definition: grpc.ServiceDefinition = {
    Echo: {
      path: '/test.v1.EchoService/Echo',
      requestStream: false,
      responseStream: false,
      requestSerialize: json.serialize,
      requestDeserialize: json.deserialize,
      responseSerialize: json.serialize,
      responseDeserialize: json.deserialize,
    },
  };
  let server: grpc.Server;
  let client: grpc.Client;

  beforeAll(async () => {
    server = new grpc.Server({ interceptors: [grpcMetricsInterceptor] });
    server.addService(definition, {
      Echo: (
        call: grpc.ServerUnaryCall<{ fail: boolean }, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => {
        if (call.request.fail) callback({ code: grpc.status.UNAVAILABLE, details: 'down' });
        else callback(null, { ok: true });
      },
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => {
        if (error) reject(error);
        else resolve(bound);
      });
    });
    client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  const echo = (fail: boolean) =>
    new Promise<void>((resolve) => {
      client.makeUnaryRequest(
        '/test.v1.EchoService/Echo',
        json.serialize,
        json.deserialize,
        { fail },
        () => {
          resolve();
        },
      );
    });

  it('counts each call under its service, method and the status the client got', async () => {
    await echo(false);
    await echo(true);
    await echo(true);
    const { samples } = await scrape();
    const call = (code: string) => ({
      rpc_system: 'grpc',
      rpc_service: 'test.v1.EchoService',
      rpc_method: 'Echo',
      rpc_grpc_status_code: code,
    });
    expect(valueOf(samples, 'rpc_server_call_duration_count', call('0'))).toBe(1);
    expect(
      valueOf(samples, 'rpc_server_call_duration_count', call(String(grpc.status.UNAVAILABLE))),
    ).toBe(2);
  });
});
