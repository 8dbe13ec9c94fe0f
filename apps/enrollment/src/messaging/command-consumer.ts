import { Inject, Injectable } from '@nestjs/common';
import { isRefusal } from '@shop/messaging';
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
import type { RetryPlan } from './grant-seat.topology.js';

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
    const message = context.getMessage();
    const mover = context.getMover();
    const parsed = parseCommand(message.content);
    if (!parsed.ok) {
      this.logger.warn({ code: parsed.code, reason: parsed.reason }, 'parking an invalid command');
      return mover.toParking(message, { code: parsed.code, reason: parsed.reason });
    }
    const { kind, event: command } = parsed.command;
    // The AMQP instrumentation's consume span, continued from the relay's headers.
    annotateActiveSpan({
      ...cloudEventAttributes(command),
      [ShopAttributes.orderId]: command.data.orderId,
    });
    await withCorrelationId(command.correlationid, async () => {
      const attempt = deliveryAttemptOf(message);
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
          return mover.toParking(message, { code: 'ATTEMPTS_EXHAUSTED', reason });
        }
        log.warn({ err: error }, 'command failed; delaying its retry');
        return mover.toRetryQueue(message, retryQueueAfter(attempt));
      }
      if (isRefusal(outcome)) {
        log.warn({ code: outcome.code, reason: outcome.reason }, 'parking a refused command');
        return mover.toParking(message, { code: outcome.code, reason: outcome.reason });
      }
      log.info({ outcome }, 'command handled');
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
