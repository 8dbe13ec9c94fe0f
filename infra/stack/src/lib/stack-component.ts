import type { ManagedProcess } from './managed-process.js';
import {
  NO_RESTARTS,
  restartDelayMs,
  type ExitStatus,
  type RestartPolicy,
} from './restart-policy.js';

/** Apps stop first, then the infrastructure they use (brokers, the trace collector). */
export type ComponentKind = 'app' | 'broker' | 'collector';

/**
 * - `starting`: spawned, not serving yet; `running`: serving;
 * - `stopped`: stopped on request (or never started) — never restarted;
 * - `backoff`: crashed, a restart is scheduled; `restarting`: that restart waits for it to serve;
 * - `failed`: exited on its own more times in a row than the restart limit allows (with no
 *   restarts: once) — left down until `start()`.
 */
export type ComponentState =
  'starting' | 'running' | 'stopped' | 'backoff' | 'restarting' | 'failed';

/** What the control API shows of a supervised component. */
export interface ComponentStatus {
  readonly state: ComponentState;
  /** Restarts by the stack since it started (not the ones asked for through `start()`). */
  readonly restarts: number;
  /** The last exit nobody asked for, with when it happened. */
  readonly lastExit?: ExitStatus & { readonly at: string };
}

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
  /** Supervision state, for components the stack supervises. */
  readonly status?: ComponentStatus;
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
  /** What `waitUntilServing` waits for, for the log (default: "it to serve"). */
  readonly readiness?: string;
  /** How long a SIGTERM may take before SIGKILL (default: the managed process's). */
  readonly stopGraceMs?: number;
  /** Clean-up once the process is gone (e.g. a daemon it started). */
  readonly afterStop?: () => void;
}

/** What a supervised component reports, for the stack's log. */
export type SupervisionEvent =
  | { readonly type: 'waiting'; readonly pid: number | undefined; readonly readiness: string }
  | { readonly type: 'serving'; readonly tookMs: number }
  | {
      readonly type: 'crashed';
      readonly exit: ExitStatus;
      readonly restartInMs: number;
      readonly inARow: number;
    }
  | { readonly type: 'failed'; readonly exit: ExitStatus; readonly inARow: number }
  | { readonly type: 'restarted'; readonly restarts: number; readonly tookMs: number }
  | { readonly type: 'restart-failed'; readonly error: string };

/**
 * One process of the stack that can be stopped and started again, on the same
 * ports and data directory: failure tests take a broker or an app away and
 * bring it back. When it exits without being told to, it is restarted after
 * an exponential backoff, up to the policy's limit of restarts in a row
 * (`supervise`); a stop asked for is never undone. The recipe is fixed when
 * the stack starts.
 */
export class StackComponent implements Component {
  private current: ManagedProcess | undefined;
  private stopping = false;
  private policy: RestartPolicy = NO_RESTARTS;
  private state: ComponentState = 'stopped';
  private restarts = 0;
  private inARow = 0;
  private servingSince = 0;
  private lastExit: ComponentStatus['lastExit'];
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(event: SupervisionEvent) => void>();

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

  get status(): ComponentStatus {
    return {
      state: this.state,
      restarts: this.restarts,
      ...(this.lastExit ? { lastExit: this.lastExit } : {}),
    };
  }

  /** Restart it by this policy when it exits on its own (default: never). */
  supervise(policy: RestartPolicy): void {
    this.policy = policy;
  }

  /** Crashes, restarts and giving up, as they happen. */
  onSupervision(listener: (event: SupervisionEvent) => void): void {
    this.listeners.add(listener);
  }

  /**
   * Starts it (no-op when running) and resolves once it serves; a failed start
   * leaves nothing behind. Also the way back from `failed`: a new row begins.
   */
  async start(): Promise<void> {
    this.cancelRestart();
    if (this.running) return;
    this.inARow = 0;
    this.state = 'starting';
    await this.spawnAndWait();
  }

  /** SIGTERM (then SIGKILL after the grace period); resolves with the exit code once it is gone. */
  async stop(graceMs?: number): Promise<number | null | undefined> {
    this.cancelRestart();
    this.state = 'stopped';
    if (!this.current?.running) return undefined;
    this.stopping = true;
    try {
      return await this.current.stop(graceMs ?? this.recipe.stopGraceMs);
    } finally {
      this.stopping = false;
      this.recipe.afterStop?.();
    }
  }

  private async spawnAndWait(): Promise<void> {
    const process = this.recipe.spawn();
    this.current = process;
    const started = Date.now();
    this.emit({
      type: 'waiting',
      pid: process.pid,
      readiness: this.recipe.readiness ?? 'it to serve',
    });
    let serving = false;
    void process.exited.then(() => {
      if (this.current !== process || this.stopping) return;
      this.recipe.afterStop?.();
      // An exit before it served fails the start instead (waitUntilServing sees it).
      if (serving) this.crashed(process.exitStatus ?? { code: null, signal: null });
    });
    try {
      await this.recipe.waitUntilServing(process);
    } catch (error) {
      await this.stopProcess(2_000);
      throw error;
    }
    serving = true;
    this.servingSince = Date.now();
    this.state = 'running';
    this.emit({ type: 'serving', tookMs: this.servingSince - started });
  }

  private async stopProcess(graceMs: number): Promise<void> {
    if (!this.current?.running) return;
    this.stopping = true;
    try {
      await this.current.stop(graceMs);
    } finally {
      this.stopping = false;
      this.recipe.afterStop?.();
    }
  }

  private crashed(exit: ExitStatus): void {
    // A component that served for a while before it crashed starts a new row.
    if (Date.now() - this.servingSince >= this.policy.stableMs) this.inARow = 0;
    this.retry(exit);
  }

  private retry(exit: ExitStatus): void {
    this.lastExit = { ...exit, at: new Date().toISOString() };
    this.inARow += 1;
    if (this.inARow > this.policy.limit) {
      this.state = 'failed';
      this.emit({ type: 'failed', exit, inARow: this.inARow });
      return;
    }
    const restartInMs = restartDelayMs(this.policy, this.inARow);
    this.state = 'backoff';
    this.emit({ type: 'crashed', exit, restartInMs, inARow: this.inARow });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart();
    }, restartInMs);
  }

  private async restart(): Promise<void> {
    this.state = 'restarting';
    this.restarts += 1;
    const started = Date.now();
    try {
      await this.spawnAndWait();
      this.emit({ type: 'restarted', restarts: this.restarts, tookMs: Date.now() - started });
    } catch (error) {
      // Stopped meanwhile on request: that stop wins.
      if (this.status.state !== 'restarting') return;
      this.emit({
        type: 'restart-failed',
        error: error instanceof Error ? error.message : String(error),
      });
      this.retry(this.current?.exitStatus ?? { code: null, signal: null });
    }
  }

  private cancelRestart(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
  }

  private emit(event: SupervisionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
