import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Runs a delete of old rows every `intervalMs` while the application runs, one
 * run at a time; a failure is logged and tried again next time. Any number of
 * instances may run the same purge at once. Used for expired idempotency keys
 * and old inbox ids.
 */
export class PeriodicPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    /** What is deleted, for the log: "expired idempotency keys". */
    private readonly rows: string,
    private readonly intervalMs: number,
    /** Deletes and returns how many rows it deleted. */
    private readonly purge: () => Promise<number>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref(); // never keeps the process alive on its own
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async runOnce(): Promise<void> {
    try {
      const deleted = await this.purge();
      if (deleted > 0) this.logger.log(`deleted ${deleted} ${this.rows}`);
    } catch (error) {
      this.logger.warn(`could not delete ${this.rows}: ${String(error)}`);
    }
  }
}
