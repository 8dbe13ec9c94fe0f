import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { EachBatchPayload, EachMessagePayload, KafkaMessage } from 'kafkajs';
import { recordConsumption, type ConsumedFrom } from '../consumer.metrics.js';
import { MessageBatch, withinBatch } from './message-batch.js';

/** Hands one message to the app's `@EventPattern` handler (Nest's `handleMessage`). */
export type HandleMessage = (payload: EachMessagePayload) => Promise<unknown>;

export interface KafkaBatchLogger {
  warn(context: object): void;
}

const tracer = () => trace.getTracer('@shop/messaging');

// kafkajs headers are Buffers (or arrays of them).
const headerGetter: TextMapGetter<KafkaMessage['headers']> = {
  keys: (carrier) => Object.keys(carrier ?? {}),
  get: (carrier, key) => {
    const value = carrier?.[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(String) : String(value);
  },
};

/**
 * kafkajs `eachBatch` for the service's handlers: the fetched messages of one
 * partition, in offset order, in chunks of at most `maxMessages`, each chunk
 * in one database transaction per client (`inMessageTransaction`). The
 * offsets of a chunk are resolved, and committed, only after its transaction
 * committed: a crash in between delivers the chunk again and the inbox skips
 * what it already holds. A chunk with a message that cannot be handled in it
 * is rolled back and handled again one message per transaction, through the
 * usual path (retries, dead letters): the poison message costs its batch a
 * second pass, never its commit. At low load a fetch brings one message: a
 * chunk of one, no waiting for more.
 */
export class KafkaBatchRunner {
  constructor(
    private readonly handleMessage: HandleMessage,
    private readonly maxMessages: number,
    private readonly group: string,
    private readonly logger: KafkaBatchLogger,
  ) {}

  async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    for (let start = 0; start < batch.messages.length; start += this.maxMessages) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(start, start + this.maxMessages);
      const together = chunk.length > 1 && (await this.together(payload, chunk));
      if (!together) await this.oneByOne(payload, chunk);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  }

  // The fast path: every message of the chunk in one transaction. False if it was given up.
  private async together(
    payload: EachBatchPayload,
    chunk: readonly KafkaMessage[],
  ): Promise<boolean> {
    const { topic, partition } = payload.batch;
    const unit = new MessageBatch();
    const from = this.from(topic);
    const spans: Span[] = [];
    const started = performance.now();
    try {
      for (const message of chunk) {
        const span = this.startSpan(topic, partition, message);
        spans.push(span);
        unit.at(message.offset);
        await withinBatch(unit, () =>
          this.inSpan(span, message, () => this.handleMessage(this.single(payload, message))),
        ).catch((error: unknown) => {
          unit.abandon(describe(error));
        });
        if (unit.abandoned) break;
      }
      if (unit.abandoned) {
        await unit.rollback();
        this.logger.warn({
          topic,
          partition,
          offset: unit.abandoned.offset,
          messages: chunk.length,
          reason: unit.abandoned.why,
          msg: 'batch rolled back; handling its messages one by one',
        });
        for (const span of spans) span.setAttribute('shop.messaging.outcome', 'retry_later');
        return false;
      }
      await unit.commit();
      const seconds = (performance.now() - started) / 1000 / chunk.length;
      for (const span of spans) span.setAttribute('shop.messaging.outcome', 'handled');
      for (const message of chunk) {
        recordConsumption(from, 'handled', seconds);
        payload.resolveOffset(message.offset);
      }
      return true;
    } catch (error) {
      // The commit itself failed (the database went away): nothing was
      // resolved, so the chunk comes again one by one, where retries live.
      await unit.rollback();
      this.logger.warn({
        topic,
        partition,
        messages: chunk.length,
        reason: describe(error),
        msg: 'batch commit failed; handling its messages one by one',
      });
      for (const span of spans) span.setAttribute('shop.messaging.outcome', 'retry_later');
      return false;
    } finally {
      for (const span of spans) span.end();
    }
  }

  // Today's path, one transaction per message; a throw leaves the rest for redelivery.
  private async oneByOne(payload: EachBatchPayload, chunk: readonly KafkaMessage[]): Promise<void> {
    const { topic, partition } = payload.batch;
    for (const message of chunk) {
      if (!payload.isRunning() || payload.isStale()) return;
      const span = this.startSpan(topic, partition, message);
      try {
        await this.inSpan(span, message, () => this.handleMessage(this.single(payload, message)));
      } finally {
        span.end();
      }
      payload.resolveOffset(message.offset);
    }
  }

  private single(payload: EachBatchPayload, message: KafkaMessage): EachMessagePayload {
    const { topic, partition } = payload.batch;
    return {
      topic,
      partition,
      message,
      heartbeat: () => payload.heartbeat(),
      pause: () => payload.pause(),
    };
  }

  // kafkajs's instrumentation gives a batch one `receive` span, its messages
  // only links to their producers: continue each message's trace here, as a
  // CONSUMER span under the producer's, as `eachMessage` had it.
  private startSpan(topic: string, partition: number, message: KafkaMessage): Span {
    const parent = propagation.extract(ROOT_CONTEXT, message.headers, headerGetter);
    return tracer().startSpan(
      `process ${topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': topic,
          'messaging.destination.partition.id': String(partition),
          'messaging.kafka.offset': Number(message.offset),
          'messaging.consumer.group.name': this.group,
        },
      },
      parent,
    );
  }

  private inSpan<T>(span: Span, message: KafkaMessage, work: () => Promise<T>): Promise<T> {
    const parent = propagation.extract(ROOT_CONTEXT, message.headers, headerGetter);
    return context.with(trace.setSpan(parent, span), work);
  }

  private from(topic: string): ConsumedFrom {
    return { system: 'kafka', destination: topic, group: this.group };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String(error.message);
  return String(error);
}
