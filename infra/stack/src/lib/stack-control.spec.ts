import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagedProcess } from './managed-process.js';
import { StackComponent } from './stack-component.js';
import { StackControl } from './stack-control.client.js';
import { serveStackControl, type StackControlServer } from './stack-control.server.js';
import type { RunningStack } from './start-stack.js';
import type { StackPorts } from './stack.config.js';

describe('the stack control server and client', () => {
  let dir: string;
  let server: StackControlServer;
  let app: StackComponent;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stack-control-'));
    app = new StackComponent({
      name: 'checkout',
      kind: 'app',
      spawn: () =>
        ManagedProcess.spawn({
          name: 'checkout',
          command: process.execPath,
          args: ['-e', "console.log('ready'); setInterval(() => {}, 1000)"],
          cwd: dir,
          env: process.env,
          logFile: join(dir, 'checkout.log'),
        }),
      waitUntilServing: async (child) => {
        await child.waitForLine(/ready/, 30_000);
      },
    });
    await app.start();
    server = await serveStackControl(fakeStack(app));
  });
  afterAll(async () => {
    await server.close();
    await app.stop(1_000);
    await rm(dir, { recursive: true, force: true });
  });

  it('stops and starts a component for a caller in another process, over HTTP on loopback', async () => {
    const control = new StackControl(server.url, server.token);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    await control.component('checkout').stop();
    expect(app.running).toBe(false);
    expect((await control.describe()).components).toEqual([
      { name: 'checkout', kind: 'app', running: false, state: 'stopped', restarts: 0 },
    ]);
    // (a stopped component has no pid, so JSON leaves it out)

    await control.component('checkout').start();
    expect(app.running).toBe(true);
  });

  it('describes the stack as plain data: ports, broker addresses and each database URL', async () => {
    const described = await new StackControl(server.url, server.token).describe();
    expect(described).toMatchObject({
      ports: { CHECKOUT_PORT: 3000 },
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      databaseUrls: { checkout: 'postgresql://127.0.0.1:5433/checkout' },
    });
  });

  // GET /stack lists database URLs and the broker admin login, and loopback is
  // every local user's: the token is asked for with or without the fault API.
  it('refuses every route without its bearer token, or with another: 401, nothing stopped', async () => {
    for (const authorization of [undefined, 'Bearer not-the-token', `Basic ${server.token}`]) {
      for (const [method, path] of [
        ['GET', '/stack'],
        ['POST', '/components/checkout/stop'],
      ] as const) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: authorization ? { authorization } : {},
        });
        expect(res.status, `${method} ${path} with ${String(authorization)}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
      }
    }
    expect(app.running).toBe(true);
  });

  it('asks for a fresh random token each time it is served, unless given one', async () => {
    const given = await serveStackControl(fakeStack(app), 0, { token: 'a-token-the-caller-made' });
    try {
      expect(given.token).toBe('a-token-the-caller-made');
      expect(server.token).toMatch(/^[\w-]{43}$/); // 256 bits, base64url
      expect(given.token).not.toBe(server.token);
      const stolen = await fetch(`${given.url}/stack`, {
        headers: { authorization: `Bearer ${server.token}` },
      });
      expect(stolen.status).toBe(401);
    } finally {
      await given.close();
    }
  });

  it('refuses an unknown component by name', async () => {
    await expect(
      new StackControl(server.url, server.token).component('mainframe').stop(),
    ).rejects.toThrow(/answered 404: .*no component 'mainframe'/);
  });
});

function fakeStack(app: StackComponent): RunningStack {
  const ports = { CHECKOUT_PORT: 3000 } as StackPorts;
  const databaseUrl = (name: string) => `postgresql://127.0.0.1:5433/${name}`;
  return {
    addresses: {
      ports,
      databaseUrl,
      appDatabaseUrl: databaseUrl,
      kafkaBrokers: '127.0.0.1:9092',
      kafkaAdmin: undefined,
      kafkaLoginOf: () => undefined,
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      amqpUrlOf: () => 'amqp://guest:guest@127.0.0.1:5672',
      paymentGrpcUrl: '127.0.0.1:50051',
    },
    endpoints: {},
    notStarted: [],
    logDir: '/tmp/stack/logs',
    faultDir: '/tmp/stack/faults',
    traceFile: undefined,
    stop: () => Promise.resolve(),
    databaseUrls: { checkout: databaseUrl('checkout') },
    appDatabaseUrls: { checkout: databaseUrl('checkout') },
    component: (name) => {
      if (name !== app.name) throw new Error(`no component ${name}`);
      return app;
    },
    paymentLink: undefined,
    componentNames: () => [app.name],
  };
}
