import { readFile } from 'node:fs/promises';
import { z } from '@shop/config';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The header every mutating drills request must carry. A page on another
 * origin cannot send a custom header without a CORS preflight, which this
 * server never grants: with the JSON content type, it is the CSRF defence
 * (docs/threat-model.md ⑩).
 */
export const DRILLS_REQUEST_HEADER = 'x-shop-drills';

/** Where the stack's control API is, and its bearer token: `<STACK_DATA_DIR>/control.json`. */
const controlFileSchema = z.object({ url: z.url(), token: z.string().min(1) });

const drillName = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/);
const startBody = z
  .object({ durationMs: z.number().int().min(5_000).max(600_000).optional() })
  .strict();
const emptyBody = z.object({}).strict();

// Each browser route maps to one control route and no other: the allow-list.
const CONTROL = {
  drills: '/drills',
  signals: '/drills/signals',
  redrive: '/drills/parked/redrive',
  drill: (name: string, verb: 'start' | 'stop') => `/drills/${name}/${verb}`,
} as const;

// Stopping payment or a broker waits until it is gone, or serving again.
const MUTATION_TIMEOUT_MS = 120_000;
// A reading waits at most a few seconds for each thing it cannot reach.
const READ_TIMEOUT_MS = 20_000;

/**
 * The drills panel's half of the web server, with a stack that runs the fault
 * API: `GET /drills/api/drills`, `POST /drills/api/drills/:name/start|stop`,
 * `GET /drills/api/signals`, `POST /drills/api/parked/redrive`. Each is
 * passed to one route of the stack's control API with its bearer token,
 * which never leaves this server. Without a control file (a stack without
 * the fault API, or no stack) every route answers 404, as if absent.
 */
export function registerDrillsRoutes(app: FastifyInstance, controlFile: string | undefined): void {
  const control = async (
    reply: FastifyReply,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<FastifyReply> => {
    const where = await readControlFile(controlFile);
    if (!where) return drillsOff(reply);
    let response: Response;
    try {
      response = await fetch(`${where.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${where.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(method === 'GET' ? READ_TIMEOUT_MS : MUTATION_TIMEOUT_MS),
      });
    } catch (error) {
      return problem(
        reply,
        502,
        'Bad Gateway',
        `the stack's control API did not answer (${describe(error)})`,
      );
    }
    // Not served there: the stack runs without its fault API (the names were checked before).
    if (response.status === 404) return drillsOff(reply);
    if (response.status === 401) {
      return problem(
        reply,
        502,
        'Bad Gateway',
        "the stack's control API refused this server's token",
      );
    }
    const text = await response.text();
    const status = response.status >= 500 ? 502 : response.status;
    return reply
      .code(status)
      .type(response.ok ? 'application/json' : 'application/problem+json')
      .send(text);
  };

  // Names only from the catalog: anything else is the client's mistake, before any control call.
  const knownDrill = async (reply: FastifyReply, name: string): Promise<boolean> => {
    const where = await readControlFile(controlFile);
    if (!where) {
      await drillsOff(reply);
      return false;
    }
    const catalog = await catalogOf(where);
    if (catalog === 'off') await drillsOff(reply);
    else if (typeof catalog === 'string') await problem(reply, 502, 'Bad Gateway', catalog);
    else if (drillName.safeParse(name).success && catalog.includes(name)) return true;
    else await problem(reply, 400, 'Bad Request', `no drill '${name}' in the catalog`);
    return false;
  };

  // The one route that answers either way: whether the drills are on (the header's link, the
  // page's "off" notice) — without a 404 a browser would log as an error on every page.
  app.get('/drills/api/status', async () => {
    const where = await readControlFile(controlFile);
    const catalog = where ? await catalogOf(where) : 'off';
    return Array.isArray(catalog)
      ? { on: true }
      : {
          on: false,
          howToTurnOn: 'npm run start:drills (NODE_ENV=development STACK_FAULT_API=true)',
        };
  });
  app.get('/drills/api/drills', (_request, reply) => control(reply, 'GET', CONTROL.drills));
  app.get('/drills/api/signals', (_request, reply) => control(reply, 'GET', CONTROL.signals));
  app.post<{ Params: { name: string } }>(
    '/drills/api/drills/:name/start',
    { preHandler: sameOriginJson },
    async (request, reply) => {
      const body = startBody.safeParse(request.body);
      if (!body.success) return problem(reply, 400, 'Bad Request', issues(body.error));
      if (!(await knownDrill(reply, request.params.name))) return reply;
      return control(reply, 'POST', CONTROL.drill(request.params.name, 'start'), body.data);
    },
  );
  app.post<{ Params: { name: string } }>(
    '/drills/api/drills/:name/stop',
    { preHandler: sameOriginJson },
    async (request, reply) => {
      const body = emptyBody.safeParse(request.body);
      if (!body.success) return problem(reply, 400, 'Bad Request', issues(body.error));
      if (!(await knownDrill(reply, request.params.name))) return reply;
      return control(reply, 'POST', CONTROL.drill(request.params.name, 'stop'));
    },
  );
  app.post('/drills/api/parked/redrive', { preHandler: sameOriginJson }, async (request, reply) => {
    const body = emptyBody.safeParse(request.body);
    if (!body.success) return problem(reply, 400, 'Bad Request', issues(body.error));
    return control(reply, 'POST', CONTROL.redrive);
  });
}

/**
 * CSRF: a mutating drills request must be a JSON POST from this origin with
 * the custom header. A form or a plain cross-site fetch cannot set either
 * without a preflight; `Origin` and `Sec-Fetch-Site`, when the browser sends
 * them, must say this origin too.
 */
async function sameOriginJson(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const json = (request.headers['content-type'] ?? '').startsWith('application/json');
  const marked = request.headers[DRILLS_REQUEST_HEADER] === '1';
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const sameOrigin =
    (site === undefined || site === 'same-origin') &&
    (origin === undefined || origin === `${request.protocol}://${request.host}`);
  if (json && marked && sameOrigin) return;
  await problem(
    reply,
    403,
    'Forbidden',
    `a drills request must be a same-origin JSON POST with the ${DRILLS_REQUEST_HEADER}: 1 header`,
  );
}

async function readControlFile(
  file: string | undefined,
): Promise<z.infer<typeof controlFileSchema> | undefined> {
  if (file === undefined) return undefined;
  try {
    return controlFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    // Not written yet, or gone with the stack: no drills to run.
    return undefined;
  }
}

/** The drills' names; 'off' without the fault API; else why the catalog could not be read. */
async function catalogOf(where: z.infer<typeof controlFileSchema>): Promise<string[] | string> {
  try {
    const response = await fetch(`${where.url}${CONTROL.drills}`, {
      headers: { authorization: `Bearer ${where.token}` },
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    });
    if (response.status === 404) return 'off';
    if (!response.ok) return `the stack's control API answered ${response.status} for the drills`;
    const { drills } = (await response.json()) as { drills: { name: string }[] };
    return drills.map((d) => d.name);
  } catch (error) {
    return `the stack's control API did not answer (${describe(error)})`;
  }
}

function drillsOff(reply: FastifyReply): FastifyReply {
  return problem(
    reply,
    404,
    'Not Found',
    'the drills are off: this stack runs without its fault API (start it with `npm run start:drills`)',
  );
}

function problem(reply: FastifyReply, status: number, title: string, detail: string): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, detail });
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
