import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ORDER_DEADLINES, type OrderDeadlines } from './order-deadlines.js';
import { ResolveStuckOrdersHandler } from './resolve-stuck-orders.handler.js';

/**
 * Runs the stuck-order resolution every `sweepIntervalMs` while checkout runs
 * — a poller, like the outbox relay's. One run at a time per process; several
 * instances may sweep at once (each order is resolved under its row lock).
 */
@Injectable()
export class StuckOrdersSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StuckOrdersSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly resolveStuckOrders: ResolveStuckOrdersHandler,
    @Inject(ORDER_DEADLINES) private readonly deadlines: OrderDeadlines,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => (this.running = undefined));
    }, this.deadlines.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async runOnce(): Promise<void> {
    try {
      const { resolved, refunded } = await this.resolveStuckOrders.execute();
      if (resolved + refunded > 0) {
        this.logger.log({ resolved, refunded, msg: 'resolved stuck orders' });
      }
    } catch (error) {
      this.logger.warn({ err: error, msg: 'the stuck-order sweep failed; next run retries' });
    }
  }
}
