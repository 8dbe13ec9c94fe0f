import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebServer } from '../server/web-server.js';

// The web server on a free port, in front of a stand-in bff that echoes what it got.
let bff: FastifyInstance;
let web: FastifyInstance;
let base: string;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'web-root-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  bff = Fastify();
  bff.post('/graphql', (request) => ({
    data: { echo: request.body, authorization: request.headers.authorization ?? null },
  }));
  bff.post('/dev/tokens', (_request, reply) => reply.code(201).send({ token: 't' }));
  const bffUrl = await bff.listen({ host: '127.0.0.1', port: 0 });
  web = await buildWebServer({ root, bffUrl });
  base = await web.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await web.close();
  await bff.close();
  await rm(root, { recursive: true, force: true });
});

describe('the web server', () => {
  it('serves the app with a strict content security policy: no inline script, nothing from elsewhere', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>app</title>');
  });

  it("answers an app route such as /orders/123 with index.html (the app's router takes it from there)", async () => {
    const response = await fetch(`${base}/orders/123`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>app</title>');
  });

  it('caches hashed assets for good', async () => {
    const response = await fetch(`${base}/assets/index-abc.js`);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('answers a missing file that is not a page with a problem+json 404', async () => {
    const response = await fetch(`${base}/assets/missing.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('passes /graphql and /dev/tokens to the bff, with the body and the authorization header', async () => {
    const graphql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer abc' },
      body: JSON.stringify({ query: '{ x }' }),
    });
    expect(await graphql.json()).toEqual({
      data: { echo: { query: '{ x }' }, authorization: 'Bearer abc' },
    });
    const tokens = await fetch(`${base}/dev/tokens`, { method: 'POST' });
    expect(tokens.status).toBe(201);
  });
});

describe('the web server without its bff', () => {
  it('answers /graphql with a 502 problem+json that says the bff did not answer', async () => {
    const root = await mkdtemp(join(tmpdir(), 'web-root-'));
    // A port nothing listens on: the bff is down.
    const gone = Fastify();
    const goneUrl = await gone.listen({ host: '127.0.0.1', port: 0 });
    await gone.close();
    const alone = await buildWebServer({ root, bffUrl: goneUrl });
    try {
      const url = await alone.listen({ host: '127.0.0.1', port: 0 });
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { detail: string }).detail).toContain(
        'the bff did not answer',
      );
    } finally {
      await alone.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
