import { Controller, Inject, Logger, Module, type DynamicModule } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ShopEvent } from '@shop/contracts';
import { ServiceModule, startServiceApp, type DevFaults } from '@shop/platform';
import { currentCorrelationId } from '@shop/tracing';
import {
  EventConsumer,
  kafkaConsumer,
  refuse,
  type ConsumerRetrySettings,
  type Refusal,
} from '../../src/index.js';
import { LogLines } from '../../src/testing/index.js';

type OrderCompleted = ShopEvent<'order.completed.v1'>;

/** The use case under the test's control: what it saw, and how it should fail. */
export class HandlerProbe {
  readonly handled: { id: string; correlationId: string | undefined }[] = [];
  readonly attempts = new Map<string, number>();
  private readonly failures = new Map<string, { error: () => Error; times: number }>();
  private readonly refusals = new Map<string, Refusal>();
  private readonly logger = new Logger('HandlerProbe');

  /** The next `times` attempts at event `id` throw `error()`. */
  failNext(id: string, times: number, error: () => Error): void {
    this.failures.set(id, { error, times });
  }

  /** Event `id` contradicts what the use case knows: it answers with a refusal. */
  refuse(id: string, code: string, reason: string): void {
    this.refusals.set(id, refuse(code, reason));
  }

  handle(event: OrderCompleted): Promise<Refusal | undefined> {
    this.attempts.set(event.id, (this.attempts.get(event.id) ?? 0) + 1);
    const refusal = this.refusals.get(event.id);
    if (refusal) return Promise.resolve(refusal);
    const failure = this.failures.get(event.id);
    if (failure && failure.times > 0) {
      failure.times--;
      return Promise.reject(failure.error());
    }
    this.logger.log(`handled ${event.id}`);
    this.handled.push({ id: event.id, correlationId: currentCorrelationId() });
    return Promise.resolve(undefined);
  }
}

@Controller()
class OrderCompletedTestConsumer {
  constructor(
    private readonly events: EventConsumer,
    @Inject(HandlerProbe) private readonly probe: HandlerProbe,
  ) {}

  @EventPattern('order.completed.v1')
  onOrderCompleted(@Ctx() context: KafkaContext) {
    return this.events.consume('order.completed.v1', context, (event) => this.probe.handle(event));
  }
}

export interface ConsumerTestApp {
  readonly app: NestFastifyApplication;
  readonly probe: HandlerProbe;
  readonly logs: LogLines;
}

/** A service with one consumer of `order.completed.v1` in `groupId`, started. */
export async function startConsumerTestApp(
  brokers: string,
  groupId: string,
  retry: Partial<ConsumerRetrySettings>,
  probe = new HandlerProbe(),
  faults?: DevFaults,
): Promise<ConsumerTestApp> {
  const logs = new LogLines();
  @Module({})
  class ConsumerTestModule {}
  const root: DynamicModule = {
    module: ConsumerTestModule,
    imports: [
      ServiceModule.forRoot({
        name: 'test',
        config: { LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: 0 },
        features: [kafkaConsumer({ brokers, groupId, retry, ...(faults ? { faults } : {}) })],
        logDestination: logs.stream,
      }),
    ],
    controllers: [OrderCompletedTestConsumer],
    providers: [{ provide: HandlerProbe, useValue: probe }],
  };
  const app = await startServiceApp(root);
  return { app, probe, logs };
}
