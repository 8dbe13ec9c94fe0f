import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearsToken, newControlToken } from './control-token.js';
import { handleDrillRoute } from './drills/drill-routes.js';
import { handleFaultRoute, problem, type FaultApi } from './faults/fault-api.js';
import type { BrokerLogin } from './broker-credentials.js';
import type { ComponentKind, ComponentStatus } from './stack-component.js';
import { findRepoRoot } from './repo-root.js';
import { stackConfigSchema } from './stack.config.js';
import type { RunningStack } from './start-stack.js';

/** What `GET /stack` answers: plain data about a running stack. */
export interface StackDescription {
  readonly ports: RunningStack['addresses']['ports'];
  readonly kafkaBrokers: string;
  /** The stack's Kafka admin login (SASL/PLAIN), when the stack provisions its Kafka. */
  readonly kafkaAdminLogin?: BrokerLogin | undefined;
  readonly amqpUrl: string;
  readonly databaseUrls: Readonly<Record<string, string>>;
  readonly components: readonly ({
    name: string;
    kind: ComponentKind;
    running: boolean;
    pid?: number | undefined;
  } & Partial<ComponentStatus>)[];
}

export interface StackControlServer {
  readonly url: string;
  /** What every request must bear as `Authorization: Bearer <token>`. */
  readonly token: string;
  readonly close: () => Promise<void>;
}

export interface StackControlOptions {
  /** The development-only fault API (`createFaultApi`): also serves `/faults`. */
  readonly faults?: FaultApi;
  /** The bearer token to ask for; a fresh random one (`newControlToken`) if not given. */
  readonly token?: string;
  /** The services' /metrics token (`METRICS_TOKEN`) for `GET /drills/signals`; the stack's default if not given. */
  readonly metricsToken?: string;
}

/**
 * A small HTTP face of a running stack on 127.0.0.1, for callers in other
 * processes (Vitest's test workers, a benchmark, `pnpm drill`): `GET /stack`,
 * `POST /components/<name>/stop`, `POST /components/<name>/start`; with the
 * fault API also `GET|POST /faults`, `DELETE /faults/<id>` (docs/drills.md)
 * and the drills panel's `/drills…` routes (`drill-routes.ts`).
 * Every route needs the server's bearer token (401 without it).
 */
export async function serveStackControl(
  stack: RunningStack,
  port = 0,
  options: StackControlOptions = {},
): Promise<StackControlServer> {
  const token = options.token ?? newControlToken();
  const drills: DrillRoutes | undefined = options.faults && {
    api: options.faults,
    options: {
      metricsToken: options.metricsToken ?? DEFAULT_METRICS_TOKEN,
      root: findRepoRoot(import.meta.dirname),
      describe: () => describeStack(stack),
    },
  };
  const server = createServer((req, res) => {
    handle(stack, token, drills, req, res).catch((error: unknown) => {
      reply(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    token,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

export function describeStack(stack: RunningStack): StackDescription {
  return {
    ports: stack.addresses.ports,
    kafkaBrokers: stack.addresses.kafkaBrokers,
    kafkaAdminLogin: stack.addresses.kafkaAdmin,
    amqpUrl: stack.addresses.amqpUrl,
    databaseUrls: stack.databaseUrls,
    components: stack.componentNames().map((name) => {
      const c = stack.component(name);
      return { name, kind: c.kind, running: c.running, pid: c.pid, ...c.status };
    }),
  };
}

// What the apps get unless the launcher is told otherwise (METRICS_TOKEN).
const DEFAULT_METRICS_TOKEN = stackConfigSchema
  .pick({ METRICS_TOKEN: true })
  .parse({}).METRICS_TOKEN;

interface DrillRoutes {
  readonly api: FaultApi;
  readonly options: Parameters<typeof handleDrillRoute>[2];
}

async function handle(
  stack: RunningStack,
  token: string,
  drills: DrillRoutes | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!bearsToken(req, token)) {
    const refused = problem(401, 'unauthenticated', 'this control API needs its bearer token');
    res.setHeader('www-authenticate', 'Bearer');
    reply(res, refused.status, refused.body, 'application/problem+json');
    return;
  }
  if (drills) {
    const method = req.method ?? '';
    const path = req.url ?? '';
    const answer =
      (await handleFaultRoute(drills.api, method, path, () => readBody(req))) ??
      (await handleDrillRoute(drills.api, stack, drills.options, method, path, () =>
        readBody(req),
      ));
    if (answer) {
      reply(
        res,
        answer.status,
        answer.body,
        answer.status >= 400 ? 'application/problem+json' : undefined,
      );
      return;
    }
  }
  if (req.method === 'GET' && req.url === '/stack') {
    reply(res, 200, describeStack(stack));
    return;
  }
  const action = /^\/components\/([\w-]+)\/(stop|start)$/.exec(req.url ?? '');
  const [, name = '', verb] = action ?? [];
  if (req.method !== 'POST' || !action || !stack.componentNames().includes(name)) {
    reply(res, 404, {
      error: action
        ? `no component '${name}'`
        : `no route ${String(req.method)} ${String(req.url)}`,
    });
    return;
  }
  const component = stack.component(name);
  const started = Date.now();
  if (verb === 'stop') await component.stop();
  else await component.start();
  reply(res, 200, { name, running: component.running, tookMs: Date.now() - started });
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
): void {
  res.writeHead(status, { 'content-type': contentType }).end(JSON.stringify(body));
}

const MAX_BODY_BYTES = 16 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return ''; // refused as an invalid fault
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
