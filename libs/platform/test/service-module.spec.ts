import { Module, type DynamicModule } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceModule, startServiceApp, type ServiceFeature } from '../src/index.js';

/** A transport that records what Nest asks of it. */
class RecordingServer extends Server implements CustomTransportStrategy {
  readonly calls: string[] = [];

  listen(callback: () => void): void {
    this.calls.push('listen');
    callback();
  }

  close(): void {
    this.calls.push('close');
  }

  on(): never {
    throw new Error('no events');
  }

  unwrap(): never {
    throw new Error('nothing to unwrap');
  }
}

class Dependency {
  up = true;
}

function appWith(features: ServiceFeature[]): DynamicModule {
  @Module({})
  class TestAppModule {}
  return {
    module: TestAppModule,
    imports: [
      ServiceModule.forRoot({
        name: 'test',
        config: { LOG_LEVEL: 'silent', SHUTDOWN_DRAIN_MS: 0 },
        features,
      }),
    ],
  };
}

let app: NestFastifyApplication | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('ServiceModule', () => {
  it("answers readiness over every feature's check, by name, and 503 while one fails", async () => {
    const dependency = new Dependency();
    app = await startServiceApp(
      appWith([
        {
          providers: [{ provide: Dependency, useValue: dependency }],
          readiness: {
            inject: [Dependency],
            use: (dep: Dependency) => ({
              name: 'dependency',
              check: () => (dep.up ? Promise.resolve() : Promise.reject(new Error('it is down'))),
            }),
          },
        },
        { readiness: { use: () => ({ name: 'always', check: () => Promise.resolve() }) } },
      ]),
    );
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      info: { dependency: { status: 'up' }, always: { status: 'up' } },
    });

    dependency.up = false;
    const notReady = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({
      error: { dependency: { status: 'down', message: 'it is down' } },
    });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });

  it('connects and starts each transport it declares, and closes it with the app', async () => {
    const server = new RecordingServer();
    app = await startServiceApp(appWith([{ transport: { use: () => ({ strategy: server }) } }]));
    expect(server.calls).toEqual(['listen']);
    await app.close();
    app = undefined;
    expect(server.calls).toEqual(['listen', 'close']);
  });

  it('leaves the transports out when a test asks it to', async () => {
    const server = new RecordingServer();
    app = await startServiceApp(appWith([{ transport: { use: () => ({ strategy: server }) } }]), {
      transports: false,
    });
    expect(server.calls).toEqual([]);
  });
});
