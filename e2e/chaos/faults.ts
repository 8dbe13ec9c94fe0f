import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningStack } from '@shop/stack';
import type { ServiceDatabases } from '../support/service-databases.js';
import type { ChaosPlan, Fault, Target, Trigger } from './chaos-plan.js';

/** What happened to one fault of the plan. */
export interface FaultRecord {
  readonly fault: Fault;
  /** The purchase count when it fired, or why it did not. */
  readonly firedAt?: number;
  readonly notFired?: string;
  readonly killedPid?: number;
  /** Milliseconds until it served again by itself; undefined: it did not. */
  readonly backInMs?: number;
}

export interface FaultContext {
  readonly stack: RunningStack;
  readonly databases: ServiceDatabases;
  readonly plan: ChaosPlan;
  /** Purchases started so far. */
  readonly started: () => number;
  /** True once every purchase has its answer: a trigger still waiting gives up. */
  readonly loadDone: () => boolean;
  readonly say: (line: string) => void;
}

/**
 * Fires the plan's faults in order: waits for each trigger, then SIGKILLs the
 * component's process (no SIGTERM, no drain: a crash). The launcher must
 * bring it back by itself; that is watched while the next trigger is awaited,
 * so crashes overlap as they would in production. One that is not back in
 * time is recorded as such and started by hand, so the run can go on.
 */
export async function runFaults(context: FaultContext): Promise<FaultRecord[]> {
  const recoveries: Promise<FaultRecord>[] = [];
  for (const fault of context.plan.faults) {
    const firedAt = await triggered(fault.when, context);
    if (firedAt === undefined) {
      recoveries.push(Promise.resolve({ fault, notFired: 'the load ended before its trigger' }));
      continue;
    }
    const pid = await runningPid(context, fault.target);
    if (pid === undefined) {
      recoveries.push(Promise.resolve({ fault, notFired: `${fault.target} never ran again` }));
      continue;
    }
    process.kill(pid, 'SIGKILL');
    context.say(
      `SIGKILL ${fault.target} (pid ${pid}) at purchase ${firedAt} [${describe(fault.when)}]`,
    );
    recoveries.push(recovery(context, fault, firedAt, pid));
  }
  return Promise.all(recoveries);
}

async function recovery(
  context: FaultContext,
  fault: Fault,
  firedAt: number,
  pid: number,
): Promise<FaultRecord> {
  const killed = Date.now();
  if (await servesAgain(context, fault.target, pid, killed + context.plan.restartWithinMs)) {
    const backInMs = Date.now() - killed;
    context.say(`${fault.target} serves again, ${(backInMs / 1000).toFixed(1)} s after its kill`);
    return { fault, firedAt, killedPid: pid, backInMs };
  }
  context.say(`${fault.target} did not come back by itself: starting it by hand`);
  await context.stack.component(fault.target).start();
  return { fault, firedAt, killedPid: pid };
}

/** The component's pid once it runs (a target killed earlier may still be coming back). */
async function runningPid(context: FaultContext, target: Target): Promise<number | undefined> {
  const deadline = Date.now() + context.plan.restartWithinMs * 2;
  for (;;) {
    const { pid } = context.stack.component(target);
    if (pid !== undefined || Date.now() > deadline) return pid;
    await sleep(200);
  }
}

export function describe(trigger: Trigger): string {
  return 'after' in trigger ? `after ${trigger.after} purchases` : trigger.window;
}

/** Resolves with the purchase count once the trigger holds; undefined if the load ends first. */
async function triggered(trigger: Trigger, context: FaultContext): Promise<number | undefined> {
  while (!context.loadDone()) {
    if (
      'after' in trigger
        ? context.started() >= trigger.after
        : await windowOpen(trigger.window, context)
    )
      return context.started();
    await sleep('after' in trigger ? 100 : 10);
  }
  return undefined;
}

/**
 * The crash windows issue 14 names: a payment row claimed (PENDING) whose card
 * decision has not come back; an idempotency key checkout holds in flight.
 */
async function windowOpen(
  window: 'payment-mid-authorize' | 'checkout-keys-in-flight',
  { databases }: FaultContext,
): Promise<boolean> {
  try {
    return window === 'payment-mid-authorize'
      ? (await databases.count(
          'payment',
          `SELECT count(*) FROM payments WHERE status = 'PENDING'`,
        )) > 0
      : (await databases.count(
          'checkout',
          `SELECT count(*) FROM idempotency_keys WHERE state = 'IN_FLIGHT'`,
        )) > 0;
  } catch {
    return false; // the database is busy or restarting: look again
  }
}

/** True once a new process of the component serves its port (an app: ready; a broker: accepting). */
async function servesAgain(
  { stack }: FaultContext,
  target: Target,
  killedPid: number,
  deadline: number,
): Promise<boolean> {
  const component = stack.component(target);
  const port = portOf(stack, target);
  while (Date.now() < deadline) {
    const pid = component.pid;
    if (component.running && pid !== undefined && pid !== killedPid && (await serves(target, port)))
      return true;
    await sleep(200);
  }
  return false;
}

function portOf(stack: RunningStack, target: Target): number {
  const ports = stack.addresses.ports as unknown as Record<string, number>;
  const key = `${target.toUpperCase()}_PORT`;
  const port = ports[key];
  if (port === undefined) throw new Error(`no ${key} in the stack's ports`);
  return port;
}

async function serves(target: Target, port: number): Promise<boolean> {
  if (target === 'kafka' || target === 'amqp') return accepts(port);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      signal: AbortSignal.timeout(2_000),
    });
    return res.status === 200;
  } catch {
    return false;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}
