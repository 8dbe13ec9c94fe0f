import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@shop/platform';
import { RecoverPendingPayment } from './recover-pending-payment.js';
import { RECOVERY_OPTIONS, type RecoveryOptions } from './recovery.options.js';

/**
 * The background half of recovery: every `sweepIntervalMs`, settle or
 * release the PENDING claims nobody retries, so GetPayment gives a final
 * answer within lease + interval of a crash. One run at a time per process;
 * any number of instances may sweep at once (takeover decides).
 */
@Injectable()
export class RecoverySweep extends PeriodicTask {
  constructor(
    private readonly recover: RecoverPendingPayment,
    @Inject(RECOVERY_OPTIONS) options: RecoveryOptions,
  ) {
    super({ name: 'payment recovery sweep', intervalMs: options.sweepIntervalMs });
  }

  protected async runOnce(): Promise<void> {
    const { recovered, failed } = await this.recover.sweep();
    if (recovered > 0) this.logger.log({ recovered, msg: 'recovered stale PENDING payments' });
    if (failed > 0) {
      this.logger.warn({ failed, msg: 'could not ask the card processor; next run retries' });
    }
  }
}
