import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { parseEvent } from '@shop/contracts';
import {
  annotateActiveSpan,
  cloudEventAttributes,
  ShopAttributes,
  withCorrelationId,
} from '@shop/tracing';
import type { ConsumeMessage } from 'amqplib';
import type { ServiceLogger as Logger } from '../service-logger.js';
import type { GrantSeatHandler } from '../seats/grant-seat/grant-seat.handler.js';
import { AmqpSession } from './amqp-session.js';
import type { ConfirmedMover } from './confirmed-mover.js';
import { deliveryAttemptOf, retryQueueAfter } from './delivery-attempt.js';
import type { RetryPlan } from './grant-seat.topology.js';

export interface GrantSeatConsumerOptions {
  readonly url: string;
  readonly prefetch: number;
  readonly retry: RetryPlan;
  /** Wait before reconnecting after the broker connection was lost. */
  readonly reconnectDelayMs: number;
}

/**
 * Consumes `enrollment.grant-seat` with manual acks. A command is acked only
 * after its transaction committed, or after a copy of it is confirmed in a
 * delay queue or the parking lot; anything else leaves it with the broker,
 * which redelivers it (the inbox makes that harmless). Any number of
 * instances compete for the queue; each holds at most `prefetch` commands.
 */
export class GrantSeatConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly session: AmqpSession;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly options: GrantSeatConsumerOptions,
    private readonly handler: GrantSeatHandler,
    private readonly logger: Logger,
  ) {
    this.session = new AmqpSession({
      ...options,
      logger,
      onMessage: (message, mover) => {
        this.track(this.deliver(message, mover));
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.session.open();
  }

  /** Stops taking commands, lets the ones in hand finish and ack, then disconnects. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.session.stopConsuming();
    await Promise.allSettled([...this.inFlight]);
    await this.session.close();
  }

  /** True while connected and consuming (readiness). */
  isConsuming(): boolean {
    return this.session.isConsuming();
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async deliver(message: ConsumeMessage, mover: ConfirmedMover): Promise<void> {
    try {
      await this.process(message, mover);
      this.session.ack(message);
    } catch (error) {
      // The copy to a delay queue or the parking lot was not confirmed: keep
      // the command where it is; it comes back on this or another instance.
      this.logger.error({ err: error }, 'could not move a grant-seat command; requeued');
      this.session.requeue(message);
    }
  }

  private async process(message: ConsumeMessage, mover: ConfirmedMover): Promise<void> {
    const parsed = parseEvent('enrollment.grant-seat.v1', message.content);
    if (!parsed.ok) {
      this.logger.warn(
        { code: parsed.code, reason: parsed.reason },
        'parking an invalid grant-seat command',
      );
      return mover.toParking(message, { code: parsed.code, reason: parsed.reason });
    }
    const command = parsed.event;
    // The AMQP instrumentation's consume span, continued from the relay's headers.
    annotateActiveSpan({
      ...cloudEventAttributes(command),
      [ShopAttributes.orderId]: command.data.orderId,
    });
    await withCorrelationId(command.correlationid, async () => {
      const attempt = deliveryAttemptOf(message);
      const log = this.logger.child({ commandId: command.id, orderId: command.subject, attempt });
      try {
        const outcome = await this.handler.execute(command);
        log.info({ outcome }, 'grant-seat command handled');
      } catch (error) {
        const reason = `attempt ${attempt} of ${this.options.retry.maxAttempts} failed: ${describe(error)}`;
        if (attempt >= this.options.retry.maxAttempts) {
          log.error({ err: error }, 'parking a grant-seat command out of attempts');
          return mover.toParking(message, { code: 'ATTEMPTS_EXHAUSTED', reason });
        }
        log.warn({ err: error }, 'grant-seat command failed; delaying its retry');
        return mover.toRetryQueue(message, retryQueueAfter(attempt));
      }
    });
  }
}

// Prisma's messages span many lines (invocation, code frame); the driver's
// own words come last. Keep the error's name and code, and that line.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const lines = error.message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const prefix = typeof code === 'string' ? `${error.name} ${code}` : error.name;
  return `${prefix}: ${lines.at(-1) ?? ''}`;
}
