import { Inject, Injectable } from '@nestjs/common';
import {
  countDeadLettered,
  isRefusal,
  measureConsumption,
  type ConsumedFrom,
  type ConsumeOutcome,
} from '@shop/messaging';
import { SERVICE_LOGGER } from '@shop/platform';
import {
  annotateActiveSpan,
  cloudEventAttributes,
  ShopAttributes,
  withCorrelationId,
} from '@shop/tracing';
import type { ServiceLogger as Logger } from '../service-logger.js';
import type { AmqpCommandContext } from './amqp-command.context.js';
import { deliveryAttemptOf, retryQueueAfter } from './delivery-attempt.js';
import { dispatch, parseCommand, type CommandHandlers } from './enrollment-command.js';
import { grantSeatRoute, type RetryPlan } from './grant-seat.topology.js';

// What the metrics call this consumer (`messaging.destination.name`, `messaging.consumer.group.name`).
const FROM: ConsumedFrom = {
  system: 'rabbitmq',
  destination: grantSeatRoute.queue,
  group: 'enrollment',
};

/** The retry plan of the command queue (attempts, delays). */
export const COMMAND_RETRY_PLAN = Symbol('COMMAND_RETRY_PLAN');

/**
 * What every command handler needs around it, as `EventConsumer` does for
 * Kafka events: the command is validated against the contract of its kind
 * (an invalid one is parked with the reason) and handed to that kind's
 * handler, runs with its correlation id, and a failure is retried through a
 * delay queue until the attempts are exhausted, then parked. Resolves once
 * the command is handled, delayed or parked — then it may be acked.
 */
@Injectable()
export class CommandConsumer {
  constructor(
    @Inject(COMMAND_RETRY_PLAN) private readonly retry: RetryPlan,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async consume(context: AmqpCommandContext, handlers: CommandHandlers): Promise<void> {
    return measureConsumption(FROM, () => this.consumeOnce(context, handlers));
  }

  private async consumeOnce(
    context: AmqpCommandContext,
    handlers: CommandHandlers,
  ): Promise<ConsumeOutcome> {
    const message = context.getMessage();
    const mover = context.getMover();
    const parsed = parseCommand(message.content);
    if (!parsed.ok) {
      this.logger.warn({ code: parsed.code, reason: parsed.reason }, 'parking an invalid command');
      return park(mover, message, parsed.code, parsed.reason);
    }
    const { kind, event: command } = parsed.command;
    // The AMQP instrumentation's consume span, continued from the relay's headers.
    annotateActiveSpan({
      ...cloudEventAttributes(command),
      [ShopAttributes.orderId]: command.data.orderId,
    });
    return withCorrelationId(command.correlationid, async (): Promise<ConsumeOutcome> => {
      const attempt = deliveryAttemptOf(message);
      annotateActiveSpan({ 'shop.messaging.attempt': attempt });
      const log = this.logger.child({
        kind,
        commandId: command.id,
        orderId: command.subject,
        attempt,
      });
      let outcome: unknown;
      try {
        outcome = await dispatch(handlers, parsed.command);
      } catch (error) {
        const reason = `attempt ${attempt} of ${this.retry.maxAttempts} failed: ${describe(error)}`;
        if (attempt >= this.retry.maxAttempts) {
          log.error({ err: error }, 'parking a command out of attempts');
          return park(mover, message, 'ATTEMPTS_EXHAUSTED', reason);
        }
        log.warn({ err: error }, 'command failed; delaying its retry');
        await mover.toRetryQueue(message, retryQueueAfter(attempt));
        return 'retry_later';
      }
      if (isRefusal(outcome)) {
        log.warn({ code: outcome.code, reason: outcome.reason }, 'parking a refused command');
        return park(mover, message, outcome.code, outcome.reason);
      }
      log.info({ outcome }, 'command handled');
      return 'handled';
    });
  }
}

async function park(
  mover: ReturnType<AmqpCommandContext['getMover']>,
  message: ReturnType<AmqpCommandContext['getMessage']>,
  code: string,
  reason: string,
): Promise<ConsumeOutcome> {
  await mover.toParking(message, { code, reason });
  countDeadLettered(FROM, code);
  return 'dead_lettered';
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
