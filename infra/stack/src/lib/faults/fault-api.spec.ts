import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevFaults, InjectedFaultError } from '@shop/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagedProcess } from '../managed-process.js';
import type { RestartPolicy } from '../restart-policy.js';
import { StackComponent } from '../stack-component.js';
import { StackControl } from '../stack-control.client.js';
import { serveStackControl, type StackControlServer } from '../stack-control.server.js';
import type { StackPorts } from '../stack.config.js';
import type { RunningStack } from '../start-stack.js';
import { createFaultApi, FaultApiRefusedError, type FaultApi } from './fault-api.js';
import { faultFileOf, type ActiveFault } from './fault-injector.js';
import type { DrillEntry } from '../drills/drill-routes.js';

// Supervised like the stack's own components: a crash would be restarted at once.
const policy: RestartPolicy = { limit: 5, backoffMs: 50, maxBackoffMs: 200, stableMs: 60_000 };
const UNTIL_LIFTED = { timeout: 30_000, interval: 50 } as const;

describe('the fault API of the stack control server', () => {
  let dir: string;
  let server: StackControlServer;
  let api: FaultApi;
  let control: StackControl;
  const components = new Map<string, StackComponent>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fault-api-'));
    for (const [name, kind] of [
      ['payment', 'app'],
      ['kafka', 'broker'],
    ] as const) {
      const component = serving(dir, name, kind);
      component.supervise(policy);
      await component.start();
      components.set(name, component);
    }
    const stack = fakeStack(dir, components);
    api = createFaultApi({ stack, faultDir: stack.faultDir, nodeEnv: 'development' });
    server = await serveStackControl(stack, 0, { faults: api });
    control = new StackControl(server.url, server.token);
  });
  afterAll(async () => {
    await api.injector.liftAll();
    await server.close();
    await Promise.all([...components.values()].map((c) => c.stop(1_000)));
    await rm(dir, { recursive: true, force: true });
  });

  const activeFaults = async () => (await control.faults()).active;

  it('refuses every route without its bearer token, or with another: 401, nothing injected', async () => {
    for (const authorization of [undefined, 'Bearer not-the-token', `Basic ${server.token}`]) {
      for (const [method, path] of [
        ['GET', '/faults'],
        ['POST', '/faults'],
        ['DELETE', '/faults/x'],
        ['GET', '/stack'],
        ['POST', '/components/payment/stop'],
      ] as const) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: authorization ? { authorization } : {},
          ...(method === 'POST'
            ? { body: JSON.stringify({ kind: 'payment-down', durationMs: 60_000 }) }
            : {}),
        });
        expect(res.status, `${method} ${path} with ${String(authorization)}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
      }
    }
    expect(components.get('payment')?.running).toBe(true);
    expect(await activeFaults()).toEqual([]);
  });

  it('refuses to exist outside development, naming NODE_ENV', () => {
    for (const nodeEnv of [undefined, 'production', 'test']) {
      expect(() =>
        createFaultApi({ stack: fakeStack(dir, components), faultDir: dir, nodeEnv }),
      ).toThrow(FaultApiRefusedError);
    }
    expect(() =>
      createFaultApi({ stack: fakeStack(dir, components), faultDir: dir, nodeEnv: 'production' }),
    ).toThrow('the fault API is development only: NODE_ENV="production" is not "development"');
  });

  it('stops payment for payment-down, lists it with its remaining time, and starts it again by itself', async () => {
    const payment = components.get('payment')!;
    const fault = (await control.startFault({
      kind: 'payment-down',
      durationMs: 1_500,
    })) as ActiveFault;

    expect(payment.running).toBe(false);
    expect(payment.status.state).toBe('stopped');
    const [listed] = await activeFaults();
    expect(listed).toMatchObject({ id: fault.id, request: { kind: 'payment-down' } });
    expect(listed!.remainingMs).toBeGreaterThan(0);
    expect(listed!.remainingMs).toBeLessThanOrEqual(1_500);

    await expect.poll(() => payment.status.state, UNTIL_LIFTED).toBe('running');
    await expect.poll(activeFaults, UNTIL_LIFTED).toEqual([]);
    expect(payment.status.restarts).toBe(0); // started by the fault's end, not by the supervisor
  });

  it('freezes a broker for broker-paused without the supervisor taking it for dead, and thaws it by itself', async () => {
    const kafka = components.get('kafka')!;
    const pid = kafka.pid!;
    await control.startFault({ kind: 'broker-paused', broker: 'kafka', durationMs: 1_500 });

    await expect.poll(() => processState(pid), UNTIL_LIFTED).toBe('T'); // stopped by a signal
    expect(kafka.status).toMatchObject({ state: 'running', restarts: 0 });

    await expect.poll(() => processState(pid), UNTIL_LIFTED).not.toBe('T');
    await expect.poll(activeFaults, UNTIL_LIFTED).toEqual([]);
    expect(kafka.pid).toBe(pid);
  });

  it('fails payment’s authorizations through its fault file for payment-failing, until the fault lifts by itself', async () => {
    const inPayment = new DevFaults(faultFileOf(join(dir, 'faults'), 'payment'));
    await control.startFault({ kind: 'payment-failing', errorRate: 1, durationMs: 1_500 });

    await expect(inPayment.apply('payment.authorize')).rejects.toBeInstanceOf(InjectedFaultError);
    await expect(inPayment.apply('consumer')).resolves.toBeUndefined();

    await expect.poll(activeFaults, UNTIL_LIFTED).toEqual([]);
    await expect(inPayment.apply('payment.authorize')).resolves.toBeUndefined();
    expect(JSON.parse(await readFile(faultFileOf(join(dir, 'faults'), 'payment'), 'utf8'))).toEqual(
      {
        faults: [],
      },
    );
  });

  it('slows payment by a latency between min and max for payment-slow', async () => {
    const inPayment = new DevFaults(faultFileOf(join(dir, 'faults'), 'payment'));
    const fault = (await control.startFault({
      kind: 'payment-slow',
      latencyMs: { min: 200, max: 300 },
      durationMs: 60_000,
    })) as ActiveFault;
    const started = performance.now();
    await inPayment.apply('payment.authorize');
    expect(performance.now() - started).toBeGreaterThanOrEqual(199);
    await control.liftFault(fault.id);
  });

  it('lifts a consumer-crashing fault early on DELETE, and answers 404 for it afterwards', async () => {
    const inNotification = new DevFaults(faultFileOf(join(dir, 'faults'), 'notification'));
    const fault = (await control.startFault({
      kind: 'consumer-crashing',
      app: 'notification',
      durationMs: 600_000,
    })) as ActiveFault;
    await expect(inNotification.apply('consumer')).rejects.toBeInstanceOf(InjectedFaultError);

    await control.liftFault(fault.id);

    expect(await activeFaults()).toEqual([]);
    await expect(inNotification.apply('consumer')).resolves.toBeUndefined();
    await expect(control.liftFault(fault.id)).rejects.toThrow(/answered 404: .*no active fault/);
  });

  it('writes duplicate-delivery and a crash after the handler into enrollment’s fault file, for its command consumer', async () => {
    const inEnrollment = new DevFaults(faultFileOf(join(dir, 'faults'), 'enrollment'));
    const twice = (await control.startFault({
      kind: 'duplicate-delivery',
      app: 'enrollment',
      durationMs: 60_000,
    })) as ActiveFault;
    const crash = (await control.startFault({
      kind: 'consumer-crashing',
      app: 'enrollment',
      at: 'after-handler',
      durationMs: 60_000,
    })) as ActiveFault;
    expect(inEnrollment.duplicates('consumer')).toBe(true);
    await expect(inEnrollment.apply('consumer')).resolves.toBeUndefined();
    await expect(
      inEnrollment.apply('consumer', undefined, { phase: 'after' }),
    ).rejects.toBeInstanceOf(InjectedFaultError);

    await control.liftFault(twice.id);
    await control.liftFault(crash.id);
    expect(inEnrollment.duplicates('consumer')).toBe(false);
    await expect(
      inEnrollment.apply('consumer', undefined, { phase: 'after' }),
    ).resolves.toBeUndefined();
  });

  it('refuses an invalid fault with a 400 problem naming the field, and a second fault on one component with 409', async () => {
    const invalid = await fetch(`${server.url}/faults`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'payment-failing', errorRate: 2, durationMs: 1_000 }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await invalid.json()) as { status: number; detail: string };
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(/^errorRate: /);
    await expect(
      control.startFault({ kind: 'reboot-the-moon', durationMs: 1_000 } as never),
    ).rejects.toThrow(/answered 400/);

    const first = (await control.startFault({
      kind: 'broker-stopped',
      broker: 'kafka',
      durationMs: 600_000,
    })) as ActiveFault;
    await expect(
      control.startFault({ kind: 'broker-paused', broker: 'kafka', durationMs: 1_000 }),
    ).rejects.toThrow(/answered 409: .*a fault already holds kafka/);
    await control.liftFault(first.id);
    expect(components.get('kafka')?.running).toBe(true);
  });
});

describe('the drills routes of the control server (the web app’s drills panel)', () => {
  let dir: string;
  let server: StackControlServer;
  let api: FaultApi;
  const components = new Map<string, StackComponent>();
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const drill = async (name: string) =>
    ((await (await call('GET', '/drills')).json()) as { drills: DrillEntry[] }).drills.find(
      (d) => d.name === name,
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drill-routes-'));
    const payment = serving(dir, 'payment', 'app');
    payment.supervise(policy);
    await payment.start();
    components.set('payment', payment);
    const stack = fakeStack(dir, components);
    api = createFaultApi({ stack, faultDir: stack.faultDir, nodeEnv: 'development' });
    server = await serveStackControl(stack, 0, { faults: api });
  });
  afterAll(async () => {
    await api.injector.liftAll();
    await server.close();
    await Promise.all([...components.values()].map((c) => c.stop(1_000)));
    await rm(dir, { recursive: true, force: true });
  });

  it('starts a drill by name with its own fault, shows it in force on its entry, and stops it by name', async () => {
    const payment = components.get('payment')!;
    const started = await call('POST', '/drills/payment-down/start', { durationMs: 600_000 });
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({
      name: 'payment-down',
      fault: { request: { kind: 'payment-down', durationMs: 600_000 } },
    });
    expect(payment.running).toBe(false);
    expect((await drill('payment-down'))?.active).toHaveLength(1);
    expect((await drill('payment-slow'))?.active).toEqual([]);

    const stopped = await call('POST', '/drills/payment-down/stop');
    expect(stopped.status).toBe(200);
    expect(((await stopped.json()) as { lifted: string[] }).lifted).toHaveLength(1);
    expect(payment.running).toBe(true);
    expect((await drill('payment-down'))?.active).toEqual([]);
  });

  it('refuses an unknown drill (404), a bad duration (400) and a drill with no fault (409), starting nothing', async () => {
    const unknown = await call('POST', '/drills/reboot-the-moon/start', {});
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    const tooLong = await call('POST', '/drills/payment-down/start', { durationMs: 86_400_000 });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { detail: string }).detail).toMatch(/^durationMs: /);
    expect((await call('POST', '/drills/course-full/start', {})).status).toBe(409);
    expect(api.injector.list()).toEqual([]);
  });

  it('does not serve the drills routes without the fault API', async () => {
    const plain = await serveStackControl(fakeStack(dir, components));
    try {
      const response = await fetch(`${plain.url}/drills`, {
        headers: { authorization: `Bearer ${plain.token}` },
      });
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

/** A process that prints "serving" and idles: an app or a broker, as far as the fault API can tell. */
function serving(dir: string, name: string, kind: 'app' | 'broker'): StackComponent {
  return new StackComponent({
    name,
    kind,
    spawn: () =>
      ManagedProcess.spawn({
        name,
        command: process.execPath,
        args: ['-e', "console.log('serving'); setInterval(() => {}, 1000)"],
        cwd: dir,
        env: process.env,
        logFile: join(dir, `${name}.log`),
      }),
    waitUntilServing: async (child) => {
      await child.waitForLine(/serving/, 30_000);
    },
  });
}

/** The state letter of /proc/<pid>/stat: R running, S sleeping, T stopped by a signal. */
async function processState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

function fakeStack(dir: string, components: ReadonlyMap<string, StackComponent>): RunningStack {
  const ports = {} as StackPorts;
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
    logDir: join(dir, 'logs'),
    faultDir: join(dir, 'faults'),
    traceFile: undefined,
    stop: () => Promise.resolve(),
    databaseUrls: {},
    appDatabaseUrls: {},
    component: (name) => {
      const component = components.get(name);
      if (!component) throw new Error(`no component ${name}`);
      return component;
    },
    paymentLink: undefined,
    componentNames: () => [...components.keys()],
  };
}
