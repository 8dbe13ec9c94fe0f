import type { LocalPostgres } from '@shop/local-postgres';
import { describeExit, NO_RESTARTS, type RestartPolicy } from './restart-policy.js';
import type { Component, StackComponent, SupervisionEvent } from './stack-component.js';

/**
 * Everything the stack started, stopped in reverse: apps, then brokers and the
 * collector, then PostgreSQL. Components the caller owns are reachable by name
 * too, but only the caller stops them for good.
 */
export class OwnedProcesses {
  private readonly components = new Map<string, StackComponent>();
  private readonly callers = new Map<string, Component>();
  private postgres: LocalPostgres | undefined;

  private readonly log: (line: string) => void;
  private readonly restartPolicy: RestartPolicy;
  private readonly waitReportMs: number;

  constructor(
    log: (line: string) => void = () => undefined,
    options: { readonly restartPolicy?: RestartPolicy; readonly waitReportMs?: number } = {},
  ) {
    this.log = log;
    this.restartPolicy = options.restartPolicy ?? NO_RESTARTS;
    this.waitReportMs = options.waitReportMs ?? 15_000;
  }

  /** Keeps it for the ordered stop, supervises it, and logs its crashes and restarts. */
  add(component: StackComponent): StackComponent {
    if (this.callers.has(component.name))
      throw new Error(
        `the caller already owns '${component.name}': give the stack its address (KAFKA_BROKERS, AMQP_URL) so it starts none`,
      );
    this.components.set(component.name, component);
    component.supervise(this.restartPolicy);
    const say = (line: string) => {
      this.log(`${component.name.padEnd(12)} ${line}`);
    };
    let stillWaiting: NodeJS.Timeout | undefined;
    component.onSupervision((event) => {
      clearInterval(stillWaiting);
      if (event.type === 'waiting') {
        stillWaiting = this.reportWhileWaiting(component, event.readiness, say);
      }
      // The caller that started it says when it is ready; the stack only its restarts.
      if (event.type !== 'serving') say(supervisionLine(component.name, event));
    });
    return component;
  }

  // On a loaded machine a start can take minutes: say who we still wait for.
  private reportWhileWaiting(
    component: StackComponent,
    readiness: string,
    say: (line: string) => void,
  ): NodeJS.Timeout {
    const since = Date.now();
    const timer = setInterval(() => {
      const { state } = component.status;
      if (state !== 'starting' && state !== 'restarting') {
        clearInterval(timer);
        return;
      }
      say(`still waiting for ${readiness} (${Math.round((Date.now() - since) / 1000)} s so far)`);
    }, this.waitReportMs);
    timer.unref();
    return timer;
  }

  /** A component the caller started and will remove: stop/start by name, left alone by `stopAll`. */
  adopt(component: Component): void {
    if (this.components.has(component.name) || this.callers.has(component.name))
      throw new Error(`two components named '${component.name}' (the stack's and the caller's)`);
    this.callers.set(component.name, component);
  }

  get(name: string): Component | undefined {
    return this.components.get(name) ?? this.callers.get(name);
  }

  names(): string[] {
    return [...this.components.keys(), ...this.callers.keys()];
  }

  setPostgres(postgres: LocalPostgres): LocalPostgres {
    this.postgres = postgres;
    return postgres;
  }

  async stopAll(log: (line: string) => void): Promise<void> {
    const all = [...this.components.values()];
    await stopEach(
      all.filter((c) => c.kind === 'app'),
      log,
    );
    // Brokers and the trace collector outlive the apps, which flush to them on the way out.
    await stopEach(
      all.filter((c) => c.kind !== 'app'),
      log,
    );
    if (this.postgres) {
      await this.postgres.stop();
      log('postgres     stopped');
      this.postgres = undefined;
    }
  }
}

async function stopEach(components: StackComponent[], log: (line: string) => void) {
  await Promise.all(
    components.map(async (c) => {
      const wasRunning = c.running;
      // Also for one that is down: a restart it has scheduled is cancelled.
      const code = await c.stop();
      if (wasRunning) log(`${c.name.padEnd(12)} stopped (exit ${String(code)})`);
    }),
  );
}

function supervisionLine(name: string, event: SupervisionEvent): string {
  switch (event.type) {
    case 'waiting':
      return `started (pid ${String(event.pid)}), waiting for ${event.readiness}`;
    case 'serving':
      return `serving after ${event.tookMs} ms`;
    case 'crashed':
      return `EXITED on its own (${describeExit(event.exit)}); restart ${event.inARow} in a row in ${(event.restartInMs / 1000).toFixed(1)} s`;
    case 'restarted':
      return `restarted and ready (restart ${event.restarts}, ${event.tookMs} ms)`;
    case 'restart-failed':
      return `restart failed: ${event.error}`;
    case 'failed':
      return `FAILED: exited on its own (${describeExit(event.exit)}) after ${event.inARow - 1} restart(s) in a row; it stays down until POST /components/${name}/start`;
  }
}
