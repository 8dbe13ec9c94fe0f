import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaultFile, FaultTarget, InAppFault } from '@shop/platform';
import type { Component } from '../stack-component.js';
import type { StackAddresses } from '../stack-components.js';
import type { FaultRequest, LastingFault } from './fault-request.js';
import type { LossyLink } from './lossy-link.js';
import { sendPoisonCommand, sendPoisonEvent, type PoisonSent } from './poison.js';

/** The apps that read a fault file (`DEV_FAULTS_FILE`), and where the stack writes it. */
export const FAULT_FILE_APPS = ['payment', 'notification', 'analytics'] as const;
export type FaultFileApp = (typeof FAULT_FILE_APPS)[number];
export const faultFileOf = (faultDir: string, app: FaultFileApp) => join(faultDir, `${app}.json`);

/** What `GET /faults` shows of one fault in force. */
export interface ActiveFault {
  readonly id: string;
  readonly request: LastingFault;
  readonly startedAt: string;
  readonly until: string;
  readonly remainingMs: number;
}

export type FaultStarted =
  | { readonly kind: 'lasting'; readonly fault: ActiveFault }
  | { readonly kind: 'injected'; readonly sent: PoisonSent };

/** A second fault on what a fault already holds (e.g. payment down twice). */
export class FaultConflictError extends Error {}

/** What the injector needs of a running stack. */
export interface FaultableStack {
  readonly addresses: StackAddresses;
  readonly component: (name: string) => Component;
  /** The proxy between checkout and payment's gRPC port (`network-lossy`); absent without the fault API. */
  readonly paymentLink?: LossyLink | undefined;
}

interface Held {
  readonly id: string;
  readonly request: LastingFault;
  readonly startedAt: number;
  readonly until: number;
  /** What it holds exclusively (a component it stops or pauses), if anything. */
  readonly holds: string | undefined;
  readonly inApp: { readonly app: FaultFileApp; readonly fault: InAppFault } | undefined;
  readonly undo: () => Promise<void>;
  timer?: NodeJS.Timeout;
  lifting?: boolean;
}

/**
 * The faults of the development-only fault API (docs/drills.md): in-app ones
 * (latency, failures) through the apps' fault files, component ones through
 * the stack's own stop/start or SIGSTOP/SIGCONT, and one-shot poison messages
 * through the stack's admin broker logins. Each lasting fault lifts by itself
 * after its duration; the in-app ones also carry their `until`, so they lift
 * on time even if the stack dies.
 */
export class FaultInjector {
  private readonly held = new Map<string, Held>();
  /** The fault being lifted or started, so a lift and a start do not interleave on one component. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly stack: FaultableStack,
    private readonly faultDir: string,
    private readonly log: (line: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  list(): ActiveFault[] {
    return [...this.held.values()].map((h) => this.view(h));
  }

  start(request: FaultRequest): Promise<FaultStarted> {
    return this.serially(() => this.startNow(request));
  }

  /** Lifts one fault early; false when there is no such fault (anymore). */
  lift(id: string): Promise<boolean> {
    return this.serially(() => this.liftNow(id, 'lifted on request'));
  }

  /** Lifts every fault (the stack is stopping). */
  async liftAll(): Promise<void> {
    for (const id of [...this.held.keys()]) await this.lift(id);
  }

  private async startNow(request: FaultRequest): Promise<FaultStarted> {
    if (request.kind === 'poison-command')
      return { kind: 'injected', sent: await sendPoisonCommand(this.stack.addresses) };
    if (request.kind === 'poison-event')
      return { kind: 'injected', sent: await sendPoisonEvent(this.stack.addresses) };
    return { kind: 'lasting', fault: this.view(await this.hold(request)) };
  }

  private async hold(request: LastingFault): Promise<Held> {
    const id = randomUUID();
    const startedAt = this.now();
    const until = startedAt + request.durationMs;
    const holds = componentHeld(request);
    if (holds !== undefined && [...this.held.values()].some((h) => h.holds === holds)) {
      throw new FaultConflictError(`a fault already holds ${holds}: lift it first`);
    }
    const inApp = inAppFaultOf(request, id, until);
    const held: Held = {
      id,
      request,
      startedAt,
      until,
      holds,
      inApp,
      undo: () => Promise.resolve(),
    };
    let undo: () => Promise<void>;
    if (request.kind === 'network-lossy') {
      undo = this.impairLink(request);
    } else if (inApp) {
      this.held.set(id, held);
      await this.writeFaultFile(inApp.app);
      undo = () => this.writeFaultFile(inApp.app);
    } else {
      undo = await this.takeComponent(request);
    }
    const lasting: Held = { ...held, undo };
    this.held.set(id, lasting);
    lasting.timer = setTimeout(() => {
      void this.serially(() => this.liftNow(id, 'lifted by itself'));
    }, request.durationMs);
    this.log(`fault ${id}: ${request.kind} for ${request.durationMs} ms`);
    return lasting;
  }

  private impairLink(request: Extract<LastingFault, { kind: 'network-lossy' }>) {
    const link = this.stack.paymentLink;
    if (!link) {
      throw new FaultConflictError(
        'this stack has no proxy in front of payment: start it with STACK_FAULT_API=true',
      );
    }
    link.impair({ resetRate: request.resetRate, latencyMs: request.latencyMs });
    return () => {
      link.heal();
      return Promise.resolve();
    };
  }

  private async takeComponent(request: LastingFault): Promise<() => Promise<void>> {
    const name = componentHeld(request);
    if (name === undefined) throw new Error(`${request.kind} holds no component`);
    const component = this.stack.component(name);
    if (request.kind === 'broker-paused') {
      signal(component, 'SIGSTOP');
      return () => {
        signal(component, 'SIGCONT');
        return Promise.resolve();
      };
    }
    await component.stop();
    return () => component.start();
  }

  private async liftNow(id: string, why: string): Promise<boolean> {
    const held = this.held.get(id);
    if (!held) return false;
    clearTimeout(held.timer);
    // Listed until undone: once `GET /faults` no longer shows it, its effect is gone.
    held.lifting = true;
    try {
      await held.undo();
    } finally {
      this.held.delete(id);
    }
    this.log(`fault ${id}: ${held.request.kind} ${why}`);
    return true;
  }

  private async writeFaultFile(app: FaultFileApp): Promise<void> {
    const faults = [...this.held.values()].flatMap((h) =>
      h.inApp?.app === app && h.lifting !== true ? [h.inApp.fault] : [],
    );
    const file = faultFileOf(this.faultDir, app);
    const body: FaultFile = { faults };
    await mkdir(this.faultDir, { recursive: true });
    // Write then rename: the app never reads a half-written file.
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(body));
    await rename(temporary, file);
  }

  private view(h: Held): ActiveFault {
    return {
      id: h.id,
      request: h.request,
      startedAt: new Date(h.startedAt).toISOString(),
      until: new Date(h.until).toISOString(),
      remainingMs: Math.max(0, h.until - this.now()),
    };
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function componentHeld(request: LastingFault): string | undefined {
  switch (request.kind) {
    case 'payment-down':
      return 'payment';
    case 'network-lossy':
      return `link to ${request.to}`;
    case 'broker-stopped':
    case 'broker-paused':
      return request.broker;
    case 'payment-slow':
    case 'payment-failing':
    case 'consumer-slow':
    case 'consumer-crashing':
      return undefined;
  }
}

function inAppFaultOf(
  request: LastingFault,
  id: string,
  until: number,
): { app: FaultFileApp; fault: InAppFault } | undefined {
  const fault = (target: FaultTarget, effect: Pick<InAppFault, 'latencyMs' | 'errorRate'>) => ({
    id,
    target,
    until,
    ...effect,
  });
  switch (request.kind) {
    case 'payment-slow':
      return {
        app: 'payment',
        fault: fault('payment.authorize', { latencyMs: request.latencyMs }),
      };
    case 'payment-failing':
      return {
        app: 'payment',
        fault: fault('payment.authorize', { errorRate: request.errorRate }),
      };
    case 'consumer-slow':
      return { app: request.app, fault: fault('consumer', { latencyMs: request.latencyMs }) };
    case 'consumer-crashing':
      return { app: request.app, fault: fault('consumer', { errorRate: 1 }) };
    case 'payment-down':
    case 'broker-stopped':
    case 'broker-paused':
    case 'network-lossy':
      return undefined;
  }
}

/**
 * SIGSTOP/SIGCONT to the component's process group when it leads one (RabbitMQ
 * runs the Erlang VM under a shell), else to its process. A stopped process
 * has not exited, so the supervisor, which restarts on exit only, leaves it be.
 */
function signal(component: Component, sig: 'SIGSTOP' | 'SIGCONT'): void {
  const pid = component.pid;
  if (pid === undefined) throw new FaultConflictError(`${component.name} is not running`);
  try {
    process.kill(-pid, sig);
  } catch {
    process.kill(pid, sig);
  }
}
