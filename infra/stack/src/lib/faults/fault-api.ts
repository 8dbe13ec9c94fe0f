import { DEVELOPMENT } from '@shop/config';
import { problemType } from '@shop/platform';
import { FAULT_KINDS, faultRequestSchema } from './fault-request.js';
import { FaultConflictError, FaultInjector, type FaultableStack } from './fault-injector.js';

/** The fault API's half of the control server (which asks every call for its bearer token). */
export interface FaultApi {
  readonly injector: FaultInjector;
}

/** The fault API was asked for outside development. */
export class FaultApiRefusedError extends Error {}

/**
 * Creates the fault API for a running stack. It exists in development only: `nodeEnv` (the launcher's NODE_ENV) must be
 * "development", or it refuses, naming the variable.
 */
export function createFaultApi(options: {
  readonly stack: FaultableStack;
  readonly faultDir: string;
  readonly nodeEnv: string | undefined;
  readonly log?: (line: string) => void;
}): FaultApi {
  if (options.nodeEnv !== DEVELOPMENT) {
    throw new FaultApiRefusedError(
      `the fault API is development only: NODE_ENV=${JSON.stringify(options.nodeEnv ?? null)} is not "${DEVELOPMENT}"`,
    );
  }
  return { injector: new FaultInjector(options.stack, options.faultDir, options.log) };
}

export interface FaultReply {
  readonly status: number;
  readonly body: unknown;
}

/** `GET /faults`, `POST /faults`, `DELETE /faults/<id>`; undefined for any other route. */
export async function handleFaultRoute(
  api: FaultApi,
  method: string,
  path: string,
  readBody: () => Promise<string>,
): Promise<FaultReply | undefined> {
  if (path === '/faults' && method === 'GET') {
    return { status: 200, body: { active: api.injector.list(), kinds: FAULT_KINDS } };
  }
  if (path === '/faults' && method === 'POST') {
    const parsed = faultRequestSchema.safeParse(parseJson(await readBody()));
    if (!parsed.success) {
      return problem(
        400,
        'invalid-fault',
        parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
      );
    }
    try {
      const started = await api.injector.start(parsed.data);
      return { status: 201, body: started.kind === 'lasting' ? started.fault : started.sent };
    } catch (error) {
      if (error instanceof FaultConflictError) return problem(409, 'fault-conflict', error.message);
      throw error;
    }
  }
  const lift = /^\/faults\/([\w-]+)$/.exec(path);
  if (lift && method === 'DELETE') {
    const id = lift[1] ?? '';
    return (await api.injector.lift(id))
      ? { status: 200, body: { id, lifted: true } }
      : problem(404, 'no-such-fault', `no active fault ${id} (it may have lifted by itself)`);
  }
  return undefined;
}

export function problem(status: number, type: string, detail: string): FaultReply {
  return {
    status,
    body: { type: problemType(type), title: type, status, detail },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
