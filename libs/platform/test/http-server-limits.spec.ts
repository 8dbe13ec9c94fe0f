import { connect, type Socket } from 'node:net';
import { Body, Controller, Module, Post, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceModule, startServiceApp } from '../src/index.js';

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown) {
    return body;
  }
}

function echoApp(): DynamicModule {
  @Module({ controllers: [EchoController] })
  class EchoAppModule {}
  return {
    module: EchoAppModule,
    imports: [
      ServiceModule.forRoot({
        name: 'limits',
        config: { LOG_LEVEL: 'silent', SHUTDOWN_DRAIN_MS: 0 },
      }),
    ],
  };
}

/** A raw TCP client: what it received and whether the server has closed the connection. */
function rawClient(port: number) {
  const state = { received: '', closed: false, socket: undefined as Socket | undefined };
  const socket = connect({ host: '127.0.0.1', port });
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (state.received += chunk));
  socket.on('close', () => (state.closed = true));
  socket.on('error', () => undefined);
  state.socket = socket;
  return state;
}

// Tight limits so the test runs in about a second; the defaults are the same mechanism at 30 s.
const REQUEST_TIMEOUT_MS = 600;
const CHECK_INTERVAL_MS = 100;

describe('the HTTP server limits of every service', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await startServiceApp(echoApp(), {
      port: 0,
      shutdownHooks: false,
      httpLimits: {
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        headersTimeoutMs: REQUEST_TIMEOUT_MS,
        timeoutCheckIntervalMs: CHECK_INTERVAL_MS,
        bodyLimitBytes: 1_024,
      },
    });
    port = Number(new URL(await app.getUrl()).port);
  });
  afterAll(() => app.close());

  it('listens on loopback unless told otherwise', async () => {
    expect(new URL(await app.getUrl()).hostname).toBe('127.0.0.1');
  });

  it('answers 408 and closes the connection of a client that sends half a body and stalls', async () => {
    const client = rawClient(port);
    const started = Date.now();
    client.socket!.write(
      'POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"half":',
    );

    await expect.poll(() => client.closed, { timeout: 10_000, interval: 20 }).toBe(true);

    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS + 10 * CHECK_INTERVAL_MS + 2_000);
    expect(client.received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('refuses a body over the limit with 413 before reading it', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(2_048) }),
    });
    expect(res.status).toBe(413);
  });

  it('still serves a complete request within the limits', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ok: true }),
    });
    expect(await res.json()).toEqual({ ok: true });
  });
});
