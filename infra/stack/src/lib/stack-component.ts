import type { ManagedProcess } from './managed-process.js';

/** Apps stop first, then the infrastructure they use (brokers, the trace collector). */
export type ComponentKind = 'app' | 'broker' | 'collector';

/**
 * What the stack and its control API need of a component: the stack's own
 * processes (`StackComponent`) and the ones its caller owns (e.g. a broker in
 * a container) alike.
 */
export interface Component {
  readonly name: string;
  readonly kind: ComponentKind;
  readonly running: boolean;
  /** The process id, when it is a process of this machine and running. */
  readonly pid?: number | undefined;
  /** Resolves once it serves again (no-op when running). */
  start(): Promise<void>;
  /** Resolves once it is gone; its ports and data are kept for the next start. */
  stop(): Promise<unknown>;
}

/** How to start one component again: spawn it, then wait until it serves. */
export interface ComponentRecipe {
  readonly name: string;
  readonly kind: ComponentKind;
  readonly spawn: () => ManagedProcess;
  readonly waitUntilServing: (process: ManagedProcess) => Promise<void>;
  /** How long a SIGTERM may take before SIGKILL (default: the managed process's). */
  readonly stopGraceMs?: number;
  /** Clean-up once the process is gone (e.g. a daemon it started). */
  readonly afterStop?: () => void;
}

/**
 * One process of the stack that can be stopped and started again, on the same
 * ports and data directory: failure tests take a broker or an app away and
 * bring it back. The recipe is fixed when the stack starts.
 */
export class StackComponent implements Component {
  private current: ManagedProcess | undefined;
  private stopping = false;
  private readonly crashListeners = new Set<(code: number | null) => void>();

  constructor(private readonly recipe: ComponentRecipe) {}

  get name(): string {
    return this.recipe.name;
  }

  get kind(): ComponentKind {
    return this.recipe.kind;
  }

  get running(): boolean {
    return this.current?.running ?? false;
  }

  get pid(): number | undefined {
    return this.running ? this.current?.pid : undefined;
  }

  /** Called when it exits without being told to (a crash, a kill from outside), with its exit code. */
  onCrash(listener: (code: number | null) => void): void {
    this.crashListeners.add(listener);
  }

  /** Starts it (no-op when running) and resolves once it serves; a failed start leaves nothing behind. */
  async start(): Promise<void> {
    if (this.running) return;
    const process = this.recipe.spawn();
    this.current = process;
    void process.exited.then((code) => {
      if (this.current !== process || this.stopping) return;
      this.recipe.afterStop?.();
      for (const listener of this.crashListeners) listener(code);
    });
    try {
      await this.recipe.waitUntilServing(process);
    } catch (error) {
      await this.stop(2_000);
      throw error;
    }
  }

  /** SIGTERM (then SIGKILL after the grace period); resolves with the exit code once it is gone. */
  async stop(graceMs?: number): Promise<number | null | undefined> {
    if (!this.current?.running) return undefined;
    this.stopping = true;
    try {
      return await this.current.stop(graceMs ?? this.recipe.stopGraceMs);
    } finally {
      this.stopping = false;
      this.recipe.afterStop?.();
    }
  }
}
