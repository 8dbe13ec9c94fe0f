import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

export interface PeriodicTaskSettings {
  /** What runs, for the log: "the stuck-order sweep". */
  readonly name: string;
  /** Time between the starts of two runs. */
  readonly intervalMs: number;
}

/**
 * Work a service repeats every `intervalMs` while it runs (a poller): extend
 * it, make the subclass a provider and implement `runOnce`. One run at a time
 * per process (a tick while a run is in flight is skipped); the timer never
 * keeps the process alive on its own; on shutdown no run starts and the one in
 * flight is awaited; a run that throws is logged and the next tick runs again.
 * Any number of instances may run the same task, so `runOnce` must be safe to
 * run concurrently with another process's.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnApplicationShutdown {
  /** The subclass's logger, named after it. */
  protected readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  protected constructor(private readonly settings: PeriodicTaskSettings) {
    this.logger = new Logger(new.target.name);
  }

  /** One run; it logs what it did. A rejection is logged here. */
  protected abstract runOnce(): Promise<void>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.runLogged().finally(() => (this.running = undefined));
    }, this.settings.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async runLogged(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.warn({ err: error, msg: `${this.settings.name} failed; next run retries` });
    }
  }
}
