import 'reflect-metadata';
import { Controller, Inject, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientKafka,
  EventPattern,
  MessagePattern,
  Payload,
  Transport,
  type KafkaOptions,
} from '@nestjs/microservices';
import type { Admin } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { vi } from 'vitest';
import { uniqueName, waitFor } from '../../support/kafka-under-test.js';
import { type Scenario, type ScenarioContext } from '../../support/scenario.js';

const INSTANCE = Symbol('instance');
const silent = () => () => undefined;
const deliveries: { instance: string; id: number }[] = [];
// Decorators need the names at load time; each broker of a run gets its own topics.
const topic = uniqueName('order.completed.v1');
const quotePattern = uniqueName('price.quote');

@Controller()
class OrderEventsController {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-arguments -- picks the untyped overload of Nest 12's EventPattern
  @EventPattern<string>(topic)
  onOrderEvent(@Payload() event: { id: number }): void {
    deliveries.push({ instance: this.instance, id: event.id });
  }
}

@Controller()
class QuotesController {
  @MessagePattern(quotePattern)
  quote(@Payload() request: { courseId: string }): { courseId: string; cents: number } {
    return { courseId: request.courseId, cents: 4200 };
  }
}

function instanceModule(name: string) {
  @Module({
    controllers: [OrderEventsController, QuotesController],
    providers: [{ provide: INSTANCE, useValue: name }],
  })
  class InstanceModule {}
  return InstanceModule;
}

const kafkaOptions = (brokers: string[], groupId: string): KafkaOptions => ({
  transport: Transport.KAFKA,
  options: {
    client: { clientId: 'nest-compat', brokers, logCreator: silent },
    consumer: {
      groupId,
      maxWaitTimeInMs: 100,
      heartbeatInterval: 200,
      sessionTimeout: 6000,
      rebalanceTimeout: 4000,
    },
    subscribe: { fromBeginning: true },
  },
});

async function startInstance(
  ctx: ScenarioContext,
  name: string,
  groupId: string,
): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<KafkaOptions>(
    instanceModule(name),
    kafkaOptions(ctx.brokers, groupId),
  );
  app.useLogger(false);
  await app.listen();
  ctx.onClose(() => app.close());
  return app;
}

// Messages of the topic the group has not committed yet, over all partitions.
async function uncommitted(admin: Admin, groupId: string): Promise<number> {
  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return ends.reduce((sum, end) => {
    const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
    return sum + Number(end.high) - Math.max(Number(at), 0);
  }, 0);
}

// Nest's Kafka transport (kafkajs underneath).
export const nestScenarios: Scenario[] = [
  {
    name: 'delivers every ClientKafka.emit exactly once to a group of two @EventPattern instances across rebalances',
    async run(ctx) {
      deliveries.length = 0;
      const admin = await ctx.admin();
      // Every topic the microservice subscribes to must exist first (Kafka 4 answers a
      // subscribe to a missing one UNKNOWN_TOPIC_OR_PARTITION, and kafkajs gives up).
      await ctx.createTopics([{ topic, numPartitions: 4 }, { topic: quotePattern }], admin);
      const client = new ClientKafka({
        client: { clientId: 'nest-emitter', brokers: ctx.brokers, logCreator: silent },
      });
      await client.connect();
      ctx.onClose(() => client.close());
      const emit = async (from: number, count: number) => {
        for (let id = from; id < from + count; id++)
          await lastValueFrom(client.emit(topic, { key: String(id), value: { id } }));
      };
      const groupId = ctx.name('notification');
      const first = await startInstance(ctx, 'first', groupId);
      await emit(0, 20);
      await waitFor(() => deliveries.length >= 20, 60_000, 'the first instance to consume');
      await startInstance(ctx, 'second', groupId); // rebalance: join
      await emit(20, 20);
      await waitFor(
        () => deliveries.some((d) => d.instance === 'second'),
        60_000,
        'the second instance to take partitions',
      );
      await first.close(); // rebalance: leave
      await emit(40, 20);
      await waitFor(
        () => new Set(deliveries.map((d) => d.id)).size === 60,
        60_000,
        'all 60 events',
      );
      // Committed up to the end of every partition (Nest suffixes a server's group
      // id with `-server`): nothing is left to redeliver, so no late duplicate can come.
      await vi.waitFor(
        async () => {
          if ((await uncommitted(admin, `${groupId}-server`)) > 0)
            throw new Error('the group has not committed every offset yet');
        },
        { timeout: 60_000, interval: 100 },
      );
      return {
        ids: deliveries.map((d) => d.id).sort((a, b) => a - b),
        instances: new Set(deliveries.map((d) => d.instance)),
      };
    },
  },
  {
    name: 'answers ClientKafka.send through @MessagePattern once its request and reply topics exist',
    async run(ctx) {
      const admin = await ctx.admin();
      await ctx.createTopics([{ topic: quotePattern }, { topic: `${quotePattern}.reply` }], admin);
      await startInstance(ctx, 'replier', ctx.name('quotes'));
      const client = new ClientKafka({
        client: { clientId: 'nest-requester', brokers: ctx.brokers, logCreator: silent },
        consumer: { groupId: ctx.name('requester'), maxWaitTimeInMs: 100, heartbeatInterval: 200 },
      });
      client.subscribeToResponseOf(quotePattern);
      await client.connect();
      ctx.onClose(() => client.close());
      return lastValueFrom(
        client.send<{ courseId: string; cents: number }>(quotePattern, { courseId: 'ts-101' }),
      );
    },
  },
];
