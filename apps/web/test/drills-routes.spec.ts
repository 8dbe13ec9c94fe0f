import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DRILLS_REQUEST_HEADER } from '../server/drills-routes.js';
import { buildWebServer } from '../server/web-server.js';

// The web server in front of a stand-in of the stack's control API: it asks
// for its bearer token like the real one (infra/stack's stack-control.server.ts)
// and records every call that reaches it.
const TOKEN = 'control-token-that-must-never-reach-a-browser-0123456789';
const CATALOG = {
  drills: [
    { name: 'payment-down', fails: 'payment is stopped', lab: 'payment-down.md', active: [] },
    { name: 'course-full', fails: 'no fault', lab: 'course-full.md', active: [] },
  ],
};

let dir: string;
let control: FastifyInstance;
let controlUrl: string;
let calls: { method: string; url: string; body: unknown }[];
let faultApi: boolean;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'web-drills-'));
  control = Fastify();
  control.addHook('onRequest', async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      await reply.code(401).send({ title: 'unauthenticated' });
    }
  });
  control.addHook('preHandler', async (request, reply) => {
    calls.push({ method: request.method, url: request.url, body: request.body });
    // Without the fault API the control server has no /drills routes at all.
    if (!faultApi) await reply.code(404).send({ error: `no route ${request.url}` });
  });
  control.get('/drills', () => CATALOG);
  control.get('/drills/signals', () => ({ at: 'now', metrics: { breakers: [] } }));
  control.post('/drills/:name/start', (request, reply) =>
    reply.code(201).send({ name: (request.params as { name: string }).name }),
  );
  control.post('/drills/:name/stop', () => ({ lifted: [] }));
  control.post('/drills/parked/redrive', () => ({ moved: 1, remaining: 0 }));
  control.get('/stack', () => ({ databaseUrls: { checkout: 'postgresql://secret' } }));
  controlUrl = await control.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await control.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  calls = [];
  faultApi = true;
});

/** A web server told where the control file is (written, or not, by the test). */
async function webWith(controlFile: string | undefined) {
  const web = await buildWebServer({ root: dir, bffUrl: 'http://127.0.0.1:9', controlFile });
  const base = await web.listen({ host: '127.0.0.1', port: 0 });
  return { web, base };
}

async function withControlFile(token = TOKEN) {
  const file = join(dir, `control-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify({ url: controlUrl, token }), { mode: 0o600 });
  return webWith(file);
}

const post = (
  base: string,
  path: string,
  body: unknown = {},
  headers: Record<string, string> = {},
) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [DRILLS_REQUEST_HEADER]: '1', ...headers },
    body: JSON.stringify(body),
  });

describe('the drills routes of the web server', () => {
  it('answer 404 problem+json on every route when the stack runs without its fault API', async () => {
    const noFile = await webWith(undefined);
    const missingFile = await webWith(join(dir, 'no-such-control.json'));
    const noFaultApi = await withControlFile();
    faultApi = false;
    try {
      for (const { base } of [noFile, missingFile, noFaultApi]) {
        for (const response of [
          await fetch(`${base}/drills/api/drills`),
          await fetch(`${base}/drills/api/signals`),
          await post(base, '/drills/api/drills/payment-down/start'),
          await post(base, '/drills/api/parked/redrive'),
        ]) {
          expect(response.status).toBe(404);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(((await response.json()) as { detail: string }).detail).toContain(
            'npm run start:drills',
          );
        }
      }
      // Whether they are on answers 200 either way (no 404 for the browser to log on every page).
      for (const { base } of [noFile, missingFile, noFaultApi]) {
        const status = await fetch(`${base}/drills/api/status`);
        expect(status.status).toBe(200);
        expect(await status.json()).toMatchObject({ on: false });
      }
      // Nothing was started: the control API never saw a start.
      expect(calls.filter((c) => c.url.endsWith('/start'))).toEqual([]);
    } finally {
      await Promise.all([noFile.web.close(), missingFile.web.close(), noFaultApi.web.close()]);
    }
  });

  it('refuse a drill that is not in the catalog, or a bad duration, with 400 problem+json: nothing started', async () => {
    const { web, base } = await withControlFile();
    try {
      for (const response of [
        await post(base, '/drills/api/drills/reboot-the-moon/start'),
        await post(base, '/drills/api/drills/..%2Fstack/start'),
        await post(base, '/drills/api/drills/payment-down/start', { durationMs: 'forever' }),
        await post(base, '/drills/api/drills/payment-down/start', { kind: 'payment-down' }),
        await post(base, '/drills/api/drills/reboot-the-moon/stop'),
      ]) {
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    } finally {
      await web.close();
    }
  });

  it('pass a known drill to its one control route with the bearer token, and the signals through', async () => {
    const { web, base } = await withControlFile();
    try {
      const started = await post(base, '/drills/api/drills/payment-down/start', {
        durationMs: 30_000,
      });
      expect(started.status).toBe(201);
      expect(await started.json()).toEqual({ name: 'payment-down' });
      expect(calls.at(-1)).toEqual({
        method: 'POST',
        url: '/drills/payment-down/start',
        body: { durationMs: 30_000 },
      });
      expect((await post(base, '/drills/api/drills/payment-down/stop')).status).toBe(200);
      expect(await (await fetch(`${base}/drills/api/status`)).json()).toEqual({ on: true });
      expect(await (await fetch(`${base}/drills/api/signals`)).json()).toEqual({
        at: 'now',
        metrics: { breakers: [] },
      });
      expect(await (await post(base, '/drills/api/parked/redrive')).json()).toEqual({
        moved: 1,
        remaining: 0,
      });
      // The allow-list: nothing else of the control API is reachable, /stack included.
      const stack = await fetch(`${base}/drills/api/stack`);
      expect(stack.status).toBe(404);
      expect(calls.map((c) => c.url)).not.toContain('/stack');
    } finally {
      await web.close();
    }
  });

  it('refuse a mutating request without the custom header, from another origin, or as a form: 403, nothing forwarded', async () => {
    const { web, base } = await withControlFile();
    try {
      const noHeader = await fetch(`${base}/drills/api/drills/payment-down/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(noHeader.status).toBe(403);
      expect(((await noHeader.json()) as { detail: string }).detail).toContain(
        DRILLS_REQUEST_HEADER,
      );
      const elsewhere = await post(
        base,
        '/drills/api/parked/redrive',
        {},
        {
          origin: 'http://evil.example',
        },
      );
      expect(elsewhere.status).toBe(403);
      const crossSite = await post(
        base,
        '/drills/api/parked/redrive',
        {},
        {
          'sec-fetch-site': 'cross-site',
        },
      );
      expect(crossSite.status).toBe(403);
      const form = await fetch(`${base}/drills/api/drills/payment-down/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'durationMs=30000',
      });
      expect(form.status).toBeGreaterThanOrEqual(400);
      expect(form.status).toBeLessThan(500);
      const sameOrigin = await post(base, '/drills/api/parked/redrive', {}, { origin: base });
      expect(sameOrigin.status).toBe(200);
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
        '/drills/parked/redrive',
      ]);
    } finally {
      await web.close();
    }
  });

  it('never put the control token in an answer, even when the control API refuses it', async () => {
    const good = await withControlFile();
    const stale = await withControlFile('a-token-of-an-earlier-run-of-the-stack-0000000000');
    try {
      for (const { base } of [good, stale]) {
        const answers = [
          await fetch(`${base}/drills/api/drills`),
          await fetch(`${base}/drills/api/signals`),
          await post(base, '/drills/api/drills/payment-down/start'),
          await post(base, '/drills/api/drills/nope/start'),
          await post(base, '/drills/api/drills/payment-down/stop', {}, { origin: 'http://x' }),
          await post(base, '/drills/api/parked/redrive'),
          await fetch(`${base}/drills/api/stack`),
        ];
        for (const answer of answers) {
          const seen = JSON.stringify([...answer.headers]) + (await answer.text());
          expect(seen).not.toContain(TOKEN);
          expect(seen).not.toContain('a-token-of-an-earlier-run');
          expect(answer.status).toBeLessThan(600);
        }
      }
      // A token the control API refuses is the server's problem, said without the token.
      const refused = await fetch(`${stale.base}/drills/api/signals`);
      expect(refused.status).toBe(502);
      expect(((await refused.json()) as { detail: string }).detail).toContain('refused');
    } finally {
      await Promise.all([good.web.close(), stale.web.close()]);
    }
  });
});
