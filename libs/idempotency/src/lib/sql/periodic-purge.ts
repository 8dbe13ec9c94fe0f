import { PeriodicTask } from '@shop/platform';

/**
 * Runs a delete of old rows every `intervalMs` while the application runs
 * (`PeriodicTask`: one run at a time, a failure logged and tried again next
 * time). Any number of instances may run the same purge at once. Used for
 * expired idempotency keys and old inbox ids.
 */
export class PeriodicPurge extends PeriodicTask {
  constructor(
    /** What is deleted, for the log: "expired idempotency keys". */
    private readonly rows: string,
    intervalMs: number,
    /** Deletes and returns how many rows it deleted. */
    private readonly purge: () => Promise<number>,
  ) {
    super({ name: `the purge of ${rows}`, intervalMs });
  }

  protected async runOnce(): Promise<void> {
    const deleted = await this.purge();
    if (deleted > 0) this.logger.log(`deleted ${deleted} ${this.rows}`);
  }
}
