import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RecoverPendingPayment } from './recover-pending-payment.js';
import { RECOVERY_OPTIONS, type RecoveryOptions } from './recovery.options.js';

/**
 * The background half of recovery: every `sweepIntervalMs`, settle or
 * release the PENDING claims nobody retries, so GetPayment gives a final
 * answer within lease + interval of a crash. One run at a time per process;
 * any number of instances may sweep at once (takeover decides).
 */
@Injectable()
export class RecoverySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecoverySweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly recover: RecoverPendingPayment,
    @Inject(RECOVERY_OPTIONS) private readonly options: RecoveryOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => (this.running = undefined));
    }, this.options.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async runOnce(): Promise<void> {
    try {
      const { recovered, failed } = await this.recover.sweep();
      if (recovered > 0) this.logger.log({ recovered, msg: 'recovered stale PENDING payments' });
      if (failed > 0) {
        this.logger.warn({ failed, msg: 'could not ask the card processor; next run retries' });
      }
    } catch (error) {
      this.logger.warn({ err: error, msg: 'payment recovery sweep failed; next run retries' });
    }
  }
}
