import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackAddresses } from '../stack-components.js';
import { FaultConflictError, FaultInjector, type ActiveFault } from './fault-injector.js';
import { faultRequestSchema } from './fault-request.js';
import { LossyLink } from './lossy-link.js';

const UNTIL_LIFTED = { timeout: 30_000, interval: 50 } as const;

// What the dependency says first on each connection (as an HTTP/2 server sends its SETTINGS).
const GREETING = 'ready;';

/** What one round trip through the link came to: the echo after the greeting, or how the connection ended. */
async function roundTrip(port: number, text: string): Promise<string> {
  const socket = createConnection({ host: '127.0.0.1', port });
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    received.push(chunk);
    const got = Buffer.concat(received).toString();
    if (got === GREETING) socket.write(text);
    if (got.length >= GREETING.length + text.length) socket.end();
  });
  try {
    await once(socket, 'close');
  } catch (error) {
    return `error ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  return Buffer.concat(received).toString().slice(GREETING.length);
}

describe('the lossy link in front of a dependency (network-lossy)', () => {
  let echo: Server;
  let link: LossyLink;
  let dir: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lossy-link-'));
    echo = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.write(GREETING);
      socket.pipe(socket);
    });
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    const address = echo.address();
    link = await LossyLink.open({
      port: typeof address === 'object' && address ? address.port : 0,
    });
  });
  afterAll(async () => {
    await link.close();
    for (const socket of sockets) socket.destroy();
    echo.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('passes bytes through untouched while healthy, on loopback only', async () => {
    expect(link.address).toBe(`127.0.0.1:${link.port}`);
    expect(await roundTrip(link.port, 'hello payment')).toBe('hello payment');
  });

  it('lets a connection’s greeting through, then resets it at its first answer at resetRate 1, and none once healed', async () => {
    link.impair({ resetRate: 1 });
    const before = link.resets;
    expect(await roundTrip(link.port, 'hello')).toBe('error ECONNRESET');
    expect(link.resets).toBeGreaterThan(before);
    link.heal();
    expect(await roundTrip(link.port, 'hello again')).toBe('hello again');
  });

  it('resets an open connection instead of delivering the answer', async () => {
    const socket = createConnection({ host: '127.0.0.1', port: link.port });
    await once(socket, 'data'); // the greeting
    // Healthy first: a round trip through the link before it turns lossy.
    socket.write('one');
    await once(socket, 'data');
    link.impair({ resetRate: 1 });
    socket.write('two');
    const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNRESET');
    link.heal();
  });

  it('delays each chunk by the latency asked, in order', async () => {
    link.impair({ resetRate: 0, latencyMs: { min: 200, max: 300 } });
    const started = performance.now();
    expect(await roundTrip(link.port, 'slow but whole')).toBe('slow but whole');
    // Two crossings (there and back), each at least min late.
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    link.heal();
  });

  it('is impaired by the network-lossy fault and heals by itself when the fault lifts', async () => {
    const injector = new FaultInjector(
      { addresses: {} as StackAddresses, component: () => undefined as never, paymentLink: link },
      join(dir, 'faults'),
    );
    const started = await injector.start(
      faultRequestSchema.parse({ kind: 'network-lossy', resetRate: 1, durationMs: 1_000 }),
    );
    const fault = started.kind === 'lasting' ? started.fault : undefined;
    expect(fault?.request).toMatchObject({ kind: 'network-lossy', to: 'payment', resetRate: 1 });
    expect(await roundTrip(link.port, 'lost')).toBe('error ECONNRESET');

    await expect.poll(() => injector.list(), UNTIL_LIFTED).toEqual([]);
    expect(await roundTrip(link.port, 'through again')).toBe('through again');
  });

  it('refuses network-lossy on a stack without the link, naming the switch', async () => {
    const injector = new FaultInjector(
      { addresses: {} as StackAddresses, component: () => undefined as never },
      join(dir, 'faults'),
    );
    await expect(
      injector.start(faultRequestSchema.parse({ kind: 'network-lossy', durationMs: 1_000 })),
    ).rejects.toThrow(FaultConflictError);
    await expect(
      injector.start(faultRequestSchema.parse({ kind: 'network-lossy', durationMs: 1_000 })),
    ).rejects.toThrow(/STACK_FAULT_API=true/);
    expect(injector.list()).toEqual<ActiveFault[]>([]);
  });
});
