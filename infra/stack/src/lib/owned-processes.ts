import type { LocalPostgres } from '@shop/local-postgres';
import type { Component, StackComponent } from './stack-component.js';

/**
 * Everything the stack started, stopped in reverse: apps, then brokers and the
 * collector, then PostgreSQL. Components the caller owns are reachable by name
 * too, but only the caller stops them for good.
 */
export class OwnedProcesses {
  private readonly components = new Map<string, StackComponent>();
  private readonly callers = new Map<string, Component>();
  private postgres: LocalPostgres | undefined;

  constructor(private readonly log: (line: string) => void = () => undefined) {}

  /** Keeps it for the ordered stop, and says so when it exits on its own. */
  add(component: StackComponent): StackComponent {
    if (this.callers.has(component.name))
      throw new Error(
        `the caller already owns '${component.name}': give the stack its address (KAFKA_BROKERS, AMQP_URL) so it starts none`,
      );
    this.components.set(component.name, component);
    component.onCrash((code) => {
      this.log(
        `${component.name.padEnd(12)} EXITED on its own (${code === null ? 'killed by a signal' : `code ${code}`}); it stays down until POST /components/${component.name}/start`,
      );
    });
    return component;
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
      if (!c.running) return;
      const code = await c.stop();
      log(`${c.name.padEnd(12)} stopped (exit ${String(code)})`);
    }),
  );
}
