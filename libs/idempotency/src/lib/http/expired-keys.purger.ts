import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { IdempotencyKeyStore } from './idempotency-key.store.js';

/**
 * Deletes expired keys every `intervalMs` while the application runs, so the
 * table holds about a day of keys, not every key ever sent. Expired keys are
 * already claimable again before they are deleted; this only frees the rows.
 * Any number of instances may run it at once.
 */
export class ExpiredKeysPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: IdempotencyKeyStore,
    private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.purge().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref(); // never keeps the process alive on its own
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async purge(): Promise<void> {
    try {
      const deleted = await this.store.purgeExpired();
      if (deleted > 0) this.logger.log(`deleted ${deleted} expired idempotency keys`);
    } catch (error) {
      this.logger.warn(`could not delete expired idempotency keys: ${String(error)}`);
    }
  }
}
