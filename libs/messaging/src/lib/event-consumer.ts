import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { parseEvent, type KafkaEventKind, type ShopEvent } from '@shop/contracts';
import type { DevFaults } from '@shop/platform';
import {
  annotateActiveSpan,
  cloudEventAttributes,
  CORRELATION_HEADER,
  correlationIdFrom,
  withCorrelationId,
} from '@shop/tracing';
import { currentBatch, type MessageBatch } from './batch/message-batch.js';
import type { ConsumerRetrySettings } from './consumer-retry.settings.js';
import { countDeadLettered, measureConsumption, type ConsumeOutcome } from './consumer.metrics.js';
import { publishDeadLetter, type DeadLetterReason } from './dead-letter.publisher.js';
import { ConsumerStoppingError, handlingPolicy, isHandlerFailure } from './handling-policy.js';
import { isRefusal } from './refusal.js';

export const CONSUMER_RETRY_SETTINGS = Symbol('CONSUMER_RETRY_SETTINGS');
/** The consumer group the app's handlers run in: its dead letters name it. */
export const CONSUMER_GROUP = Symbol('CONSUMER_GROUP');
/** Development-only injected faults (slow or failing handlers); off unless the stack's fault API is on. */
export const CONSUMER_FAULTS = Symbol('CONSUMER_FAULTS');

/**
 * A use case that applies one event; it throws to say "not done", and returns
 * a `Refusal` to say "this event contradicts what I know" (dead-lettered at once).
 */
export type EventHandler<K extends KafkaEventKind> = (event: ShopEvent<K>) => Promise<unknown>;

/**
 * What every `@EventPattern` handler calls, so the handler stays one line:
 * validate, dead-letter or handle with retries, inside the event's correlation id
 * (and, when tracing is on, inside the span continued from the producer).
 * It returns normally only when the message may be committed (handled or
 * dead-lettered); it throws when the message must be delivered again.
 */
@Injectable()
export class EventConsumer implements OnModuleDestroy {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly stopping = new AbortController();

  constructor(
    @Inject(CONSUMER_RETRY_SETTINGS) private readonly settings: ConsumerRetrySettings,
    @Inject(CONSUMER_GROUP) private readonly group: string,
    @Inject(CONSUMER_FAULTS) private readonly faults: DevFaults,
  ) {}

  async consume<K extends KafkaEventKind>(
    kind: K,
    context: KafkaContext,
    handle: EventHandler<K>,
  ): Promise<void> {
    const batch = currentBatch();
    if (batch) return this.consumeInBatch(batch, kind, context, handle);
    const from = { system: 'kafka', destination: context.getTopic(), group: this.group } as const;
    const outcome = await measureConsumption(from, () => this.consumeOnce(kind, context, handle));
    // Development only (the duplicate-delivery drill): the handled message comes
    // through the whole path once more, as a redelivery after a lost commit would;
    // the app's inbox is what keeps its effect single.
    if (outcome === 'handled' && this.faults.duplicates('consumer')) {
      this.logger.warn({
        topic: context.getTopic(),
        offset: context.getMessage().offset,
        msg: 'injected fault: delivering the message again',
      });
      await measureConsumption(from, () => this.consumeOnce(kind, context, handle));
    }
  }

  /**
   * A message of a batch (`KafkaBatchRunner`): one attempt, inside the batch's
   * transaction. Anything but a clean success gives the batch up — it is
   * rolled back and its messages come back one by one through `consume`,
   * where invalid messages are dead-lettered and failures retried.
   */
  private async consumeInBatch<K extends KafkaEventKind>(
    batch: MessageBatch,
    kind: K,
    context: KafkaContext,
    handle: EventHandler<K>,
  ): Promise<void> {
    const { offset } = context.getMessage();
    // Faults act per delivery and per attempt (docs/drills.md): only one by one.
    if (this.faults.active('consumer').length > 0) {
      batch.abandon('development faults are active');
      return;
    }
    const parsed = parseEvent(kind, context.getMessage().value ?? '');
    if (!parsed.ok) {
      batch.abandon(`invalid message: ${parsed.code}`);
      return;
    }
    const { event } = parsed;
    annotateActiveSpan(cloudEventAttributes(event));
    const correlationId = correlationIdFrom(event.correlationid);
    await withCorrelationId(correlationId, async () => {
      await context.getHeartbeat()();
      try {
        const outcome = await handle(event);
        if (isRefusal(outcome)) {
          batch.abandon(`refused: ${outcome.code}`);
          return;
        }
      } catch (error) {
        batch.abandon(`handler failed: ${describe(error)}`);
        return;
      }
      const where = { topic: context.getTopic(), offset, eventId: event.id, type: event.type };
      batch.onCommit(() => {
        withCorrelationId(correlationId, () => {
          this.logger.log({ ...where, msg: 'event handled' });
        });
      });
    });
  }

  private async consumeOnce<K extends KafkaEventKind>(
    kind: K,
    context: KafkaContext,
    handle: EventHandler<K>,
  ): Promise<ConsumeOutcome> {
    const parsed = parseEvent(kind, context.getMessage().value ?? '');
    if (!parsed.ok) {
      const incoming = context.getMessage().headers?.[CORRELATION_HEADER]?.toString();
      return withCorrelationId(correlationIdFrom(incoming), () => this.deadLetter(context, parsed));
    }
    const { event } = parsed;
    // The Kafka instrumentation's `process <topic>` span, continued from the producer's headers.
    annotateActiveSpan(cloudEventAttributes(event));
    return withCorrelationId(correlationIdFrom(event.correlationid), () =>
      this.handleWithRetries(event, context, handle),
    );
  }

  // Nest destroys modules before it closes the transport: end retry loops so the consumer can stop.
  onModuleDestroy(): void {
    this.stopping.abort();
  }

  private async handleWithRetries<K extends KafkaEventKind>(
    event: ShopEvent<K>,
    context: KafkaContext,
    handle: EventHandler<K>,
  ): Promise<ConsumeOutcome> {
    const { policy, transient, failures } = handlingPolicy(this.settings);
    const where = {
      topic: context.getTopic(),
      offset: context.getMessage().offset,
      eventId: event.id,
    };
    transient.onRetry(({ delay }) => {
      this.logger.warn({
        ...where,
        delay,
        msg: 'a dependency is unavailable; retrying the message',
      });
    });
    failures.onRetry(({ attempt, delay }) => {
      this.logger.warn({ ...where, attempt, delay, msg: 'handling failed; retrying the message' });
    });
    let delivery = 0;
    try {
      const outcome = await policy.execute(async ({ signal }) => {
        if (signal.aborted) throw new ConsumerStoppingError();
        await context.getHeartbeat()(); // keeps the group membership alive through long retries
        delivery++;
        // An injected fault fails like the handler would: retried, then dead-lettered.
        await this.faults.apply('consumer', signal, { delivery });
        const handled = await handle(event);
        // …or once the handler has done its work, before the commit: a crash mid-message.
        await this.faults.apply('consumer', signal, { phase: 'after', delivery });
        return handled;
      }, this.stopping.signal);
      if (isRefusal(outcome)) return await this.deadLetter(context, outcome);
      this.logger.log({ ...where, type: event.type, msg: 'event handled' });
      return 'handled';
    } catch (error) {
      if (!isHandlerFailure(error, this.settings)) throw error;
      return this.deadLetter(context, {
        code: 'HANDLER_FAILED',
        reason: `handler failed ${this.settings.maxAttempts} times: ${describe(error)}`,
      });
    }
  }

  private async deadLetter(context: KafkaContext, why: DeadLetterReason): Promise<'dead_lettered'> {
    await publishDeadLetter(context, this.group, why);
    const from = { system: 'kafka', destination: context.getTopic(), group: this.group } as const;
    countDeadLettered(from, why.code);
    this.logger.warn({
      topic: context.getTopic(),
      group: this.group,
      offset: context.getMessage().offset,
      code: why.code,
      reason: why.reason,
      msg: 'message dead-lettered',
    });
    return 'dead_lettered';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
