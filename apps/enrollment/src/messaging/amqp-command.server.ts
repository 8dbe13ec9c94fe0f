import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';
import { isObservable, lastValueFrom } from 'rxjs';
import type { ServiceLogger as Logger } from '../service-logger.js';
import { AmqpCommandContext } from './amqp-command.context.js';
import { AmqpQueueDepthObserver, commandQueuesOf } from './amqp-queue-depth.js';
import { AmqpSession, type AmqpSessionOptions } from './amqp-session.js';
import type { ConfirmedMover } from './confirmed-mover.js';
import { grantSeatRoute } from './grant-seat.topology.js';

export type AmqpCommandServerOptions = Omit<AmqpSessionOptions, 'logger' | 'onMessage'>;

/**
 * A Nest transport strategy for the command queue: each delivery goes to the
 * app's `@EventPattern(<queue>)` handler (with the app's interceptors and
 * filters); it is acked once the handler resolves, and requeued when it
 * rejects. Nest closes it on shutdown: no new deliveries, the ones in hand
 * finish and are acked, then the connection closes. While it listens, each
 * scrape of `/metrics` reads the depth of the command topology's queues.
 */
export class AmqpCommandServer extends Server implements CustomTransportStrategy {
  private readonly session: AmqpSession;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly depth: AmqpQueueDepthObserver;

  constructor(
    options: AmqpCommandServerOptions,
    private readonly log: Logger,
  ) {
    super();
    this.depth = new AmqpQueueDepthObserver(options.url, commandQueuesOf(options.retry));
    this.session = new AmqpSession({
      ...options,
      logger: log,
      onMessage: (message, mover) => {
        this.track(this.deliver(message, mover));
      },
    });
  }

  async listen(callback: () => void): Promise<void> {
    await this.session.open();
    this.depth.start();
    callback();
  }

  async close(): Promise<void> {
    await this.session.stopConsuming();
    await this.depth.stop();
    await Promise.allSettled([...this.inFlight]);
    await this.session.close();
  }

  /** True while connected and consuming (readiness). */
  isConsuming(): boolean {
    return this.session.isConsuming();
  }

  on(): never {
    throw new Error('AmqpCommandServer has no events to subscribe to');
  }

  unwrap(): never {
    throw new Error('AmqpCommandServer does not expose its connection');
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async deliver(message: ConsumeMessage, mover: ConfirmedMover): Promise<void> {
    const handler = this.getHandlerByPattern(grantSeatRoute.queue);
    try {
      if (!handler) throw new Error(`no @EventPattern('${grantSeatRoute.queue}') handler`);
      const result: unknown = await handler(message, new AmqpCommandContext([message, mover]));
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      this.session.ack(message);
    } catch (error) {
      // The handler could not settle the command (a move was not confirmed):
      // leave it with the broker; it comes back on this or another instance.
      this.log.error({ err: error }, 'could not settle a grant-seat command; requeued');
      this.session.requeue(message);
    }
  }
}
