import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { z } from '@shop/config';
import { problem, type FaultApi, type FaultReply } from '../faults/fault-api.js';
import {
  FaultConflictError,
  type ActiveFault,
  type FaultStarted,
} from '../faults/fault-injector.js';
import { faultRequestSchema } from '../faults/fault-request.js';
import type { StackDescription } from '../stack-control.server.js';
import type { RunningStack } from '../start-stack.js';
import { DRILLS, isDrillName, type Drill, type DrillLoad } from './drills.js';
import {
  drillServicePorts,
  metricSignals,
  scrapeServices,
  type MetricSignals,
} from './metrics-readings.js';
import { readStack, type StackReading } from './stack-readings.js';

/** One drill as the drills panel lists it. */
export interface DrillEntry {
  readonly name: string;
  readonly fails: string;
  readonly mitigation: string;
  /** Its page under docs/labs/. */
  readonly lab: string;
  /** lasting: started and stopped; one-shot: injected once; none: the purchases are the drill. */
  readonly injects: 'lasting' | 'one-shot' | 'none';
  /** The load `pnpm drill` places during it, when it brings its own. */
  readonly load?: DrillLoad | undefined;
  /** Its fault in force, if any (started here, by `pnpm drill` or through `/faults`). */
  readonly active: readonly Pick<ActiveFault, 'id' | 'until' | 'remainingMs'>[];
}

/** `GET /drills/signals`: what the stack reads (readStack) and what its services' /metrics show. */
export interface DrillSignals {
  readonly at: string;
  readonly stack: StackReading;
  readonly metrics: MetricSignals;
}

/** `POST /drills/parked/redrive`: what enrollment's redrive moved. */
export interface RedriveAnswer {
  readonly moved: number;
  readonly remaining: number;
  /** The redrive's own line. */
  readonly output: string;
}

export interface DrillRouteOptions {
  /** The bearer token the services' /metrics ask for (the stack's METRICS_TOKEN). */
  readonly metricsToken: string;
  /** The repository: enrollment's redrive is `apps/enrollment/dist/redrive.js` in it. */
  readonly root: string;
  /** `GET /stack`'s answer: what `readStack` reads from. */
  readonly describe: () => StackDescription;
}

const DEFAULT_DURATION_MS = 60_000;

const startBodySchema = z
  .object({
    durationMs: z
      .number()
      .int()
      .min(1_000)
      .max(600_000)
      .default(DEFAULT_DURATION_MS)
      .describe('How long the fault lasts before it lifts by itself.'),
  })
  .strict();

/**
 * The drills half of the control server, with the fault API only (the web
 * app's drills panel talks to it): `GET /drills` (the catalog of `DRILLS`
 * with each one's fault in force), `POST /drills/<name>/start` (`{durationMs}`
 * optional) and `/stop`, `GET /drills/signals`, `POST /drills/parked/redrive`.
 * Undefined for any other route.
 */
export async function handleDrillRoute(
  api: FaultApi,
  stack: RunningStack,
  options: DrillRouteOptions,
  method: string,
  path: string,
  readBody: () => Promise<string>,
): Promise<FaultReply | undefined> {
  if (path === '/drills' && method === 'GET') {
    return { status: 200, body: { drills: drillEntries(api.injector.list()) } };
  }
  if (path === '/drills/signals' && method === 'GET') {
    return { status: 200, body: await readSignals(stack, options) };
  }
  if (path === '/drills/parked/redrive' && method === 'POST') {
    return redrive(stack, options.root);
  }
  const action = /^\/drills\/([\w-]+)\/(start|stop)$/.exec(path);
  if (!action || method !== 'POST') return undefined;
  const [, name = '', verb] = action;
  if (!isDrillName(name)) return problem(404, 'no-such-drill', `no drill '${name}'`);
  const drill: Drill = DRILLS[name];
  if (verb === 'stop') {
    const lifted: string[] = [];
    for (const fault of activeFaultsOf(drill, api.injector.list()))
      if (await api.injector.lift(fault.id)) lifted.push(fault.id);
    return { status: 200, body: { name, lifted } };
  }
  if (!drill.fault)
    return problem(409, 'no-fault', `${name} has no fault to start: its purchases are the drill`);
  const parsed = startBodySchema.safeParse(parseJson(await readBody()));
  if (!parsed.success)
    return problem(
      400,
      'invalid-drill',
      parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
    );
  let reply: FaultStarted;
  try {
    reply = await api.injector.start(faultRequestSchema.parse(drill.fault(parsed.data.durationMs)));
  } catch (error) {
    if (error instanceof FaultConflictError) return problem(409, 'fault-conflict', error.message);
    throw error;
  }
  return {
    status: 201,
    body: { name, ...(reply.kind === 'lasting' ? { fault: reply.fault } : { sent: reply.sent }) },
  };
}

/** Every drill of `DRILLS`, with its fault in force among `active`. */
export function drillEntries(active: readonly ActiveFault[]): DrillEntry[] {
  return Object.entries(DRILLS).map(([name, drill]: [string, Drill]) => ({
    name,
    fails: drill.fails,
    mitigation: drill.mitigation,
    lab: drill.lab,
    injects: !drill.fault ? 'none' : drill.lasting ? 'lasting' : 'one-shot',
    load: drill.load,
    active: activeFaultsOf(drill, active).map(({ id, until, remainingMs }) => ({
      id,
      until,
      remainingMs,
    })),
  }));
}

/**
 * The faults in force that are this drill's: the same request but for its
 * duration. Two drills with one fault (payment-slow, bulkhead-saturation:
 * the load differs) both show it.
 */
function activeFaultsOf(drill: Drill, active: readonly ActiveFault[]): ActiveFault[] {
  if (!drill.fault || !drill.lasting) return [];
  const make = drill.fault;
  return active.filter((fault) => {
    const durationMs = 'durationMs' in fault.request ? fault.request.durationMs : 0;
    return isDeepStrictEqual(fault.request, faultRequestSchema.parse(make(durationMs)));
  });
}

async function readSignals(stack: RunningStack, options: DrillRouteOptions): Promise<DrillSignals> {
  const [reading, scrapes] = await Promise.all([
    readStack(options.describe()),
    scrapeServices(drillServicePorts(stack.addresses.ports), options.metricsToken),
  ]);
  return { at: new Date().toISOString(), stack: reading, metrics: metricSignals(scrapes) };
}

const run = promisify(execFile);

/**
 * Moves the parked grant-seat commands back to enrollment's queue with
 * enrollment's own redrive (`apps/enrollment/dist/redrive.js`, the operator's
 * command in docs/labs/poison-command.md), as enrollment's broker user.
 */
async function redrive(stack: RunningStack, root: string): Promise<FaultReply> {
  const script = join(root, 'apps', 'enrollment', 'dist', 'redrive.js');
  try {
    const { stdout } = await run(process.execPath, [script], {
      cwd: join(root, 'apps', 'enrollment'),
      env: { ...process.env, AMQP_URL: stack.addresses.amqpUrlOf('enrollment') },
      timeout: 60_000,
    });
    return { status: 200, body: parseRedriveOutput(stdout) };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() ?? '';
    const why = error instanceof Error ? error.message : String(error);
    return problem(502, 'redrive-failed', stderr === '' ? why : stderr);
  }
}

/** Reads enrollment's redrive line: `moved N command(s) from <parking> to <queue>; M left parked`. */
export function parseRedriveOutput(stdout: string): RedriveAnswer {
  const output = stdout.trim();
  const match = /moved (\d+) command\(s\) .*; (\d+) left parked/.exec(output);
  if (!match) throw new Error(`enrollment's redrive printed something else: ${output}`);
  return { moved: Number(match[1]), remaining: Number(match[2]), output };
}

/** No body is `{}` (every field has its default); a body that is not JSON is refused by the schema. */
function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
