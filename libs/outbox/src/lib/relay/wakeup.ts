/**
 * A resettable alarm: `wait` resolves after `ms` or at the next `wake`. A wake
 * that arrives while nobody waits is remembered, so a notification received
 * during a batch still triggers another round.
 */
export class Wakeup {
  private pending = false;
  private resolveWaiter: (() => void) | undefined;

  wake(): void {
    if (this.resolveWaiter) this.resolveWaiter();
    else this.pending = true;
  }

  async wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.resolveWaiter = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.resolveWaiter = done;
    });
  }
}
