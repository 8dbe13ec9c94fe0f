import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { ZodError } from 'zod';
import { IndexedSpanFile } from './indexed-span-file.js';
import { SpanFile } from './span-file.js';
import { ORDER_ID, spansOfRequest } from '@shop/purchase-timeline';

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const unzip = promisify(gunzip);

export interface TraceCollectorOptions {
  /** Where spans are appended, one JSON line each. */
  readonly file: string;
  /** 0: any free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface RunningTraceCollector {
  /** The OTLP endpoint to give exporters (`OTEL_EXPORTER_OTLP_ENDPOINT`). */
  readonly endpoint: string;
  readonly file: string;
  stop(): Promise<void>;
}

/**
 * An OTLP/HTTP receiver for traces in the JSON encoding (`POST /v1/traces`,
 * `application/json`, optionally gzip-compressed), as the SDK's exporter sends
 * with `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`. Every span is appended to
 * `file`. Protobuf bodies are refused with 415 and a hint; this is a local
 * development receiver, not a collector for production. `GET
 * /v1/orders/{orderId}/spans` answers one order's spans from an index of
 * that file (what the purchase timeline reads).
 */
export async function startTraceCollector(
  options: TraceCollectorOptions,
): Promise<RunningTraceCollector> {
  const store = new SpanFile(options.file);
  const index = new IndexedSpanFile(options.file);
  const server = createServer((req, res) => {
    const route = req.method === 'GET' ? readRoute(req) : undefined;
    const work = route ? serveSpans(index, route, res) : handle(store, req, res);
    work.catch((error: unknown) => {
      reply(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://${host}:${port}`, file: options.file, stop: () => close(server) };
}

const ORDER_SPANS = /^\/v1\/orders\/([^/]+)\/spans$/;

function readRoute(req: IncomingMessage): { orderId: string } | undefined {
  // Not decoded: an order id has no character that needs escaping, so an escaped one is refused.
  const match = ORDER_SPANS.exec(req.url?.split('?')[0] ?? '');
  return match?.[1] === undefined ? undefined : { orderId: match[1] };
}

// The read API: one order's spans, from the index (never a re-read of the whole file).
async function serveSpans(
  index: IndexedSpanFile,
  { orderId }: { orderId: string },
  res: ServerResponse,
): Promise<void> {
  if (!ORDER_ID.test(orderId)) {
    reply(res, 400, { error: 'an order id is letters, digits and dashes (a UUID)' });
    return;
  }
  reply(res, 200, { orderId, spans: await index.spansOfOrder(orderId) });
}

async function handle(store: SpanFile, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/traces') {
    reply(res, 404, {
      error: 'this receiver serves POST /v1/traces and GET /v1/orders/{orderId}/spans only',
    });
    return;
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    reply(res, 415, {
      error: 'this receiver decodes OTLP/JSON only: set OTEL_EXPORTER_OTLP_PROTOCOL=http/json',
    });
    return;
  }
  const body = await readBody(req);
  let spans;
  try {
    spans = spansOfRequest(JSON.parse(body.toString('utf8')));
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof ZodError) {
      reply(res, 400, { error: `not an OTLP/JSON trace export: ${error.message}` });
      return;
    }
    throw error;
  }
  await store.append(spans);
  reply(res, 200, {}); // an ExportTraceServiceResponse without partial success
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks);
  return req.headers['content-encoding'] === 'gzip' ? unzip(raw) : raw;
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });
}
