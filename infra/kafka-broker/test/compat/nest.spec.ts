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
import { lastValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startKafkaUnderTest,
  uniqueName,
  type KafkaUnderTest,
} from '../support/kafka-under-test.js';

const INSTANCE = Symbol('instance');
const silent = () => () => undefined;
const deliveries: { instance: string; id: number }[] = [];
// Unique per run so the suite can share a real cluster; decorators need it at load time.
const topic = uniqueName('order.completed.v1');

@Controller()
class OrderEventsController {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-arguments -- picks the untyped overload of Nest 12's EventPattern
  @EventPattern<string>(topic)
  onOrderEvent(@Payload() event: { id: number }): void {
    deliveries.push({ instance: this.instance, id: event.id });
  }
}

const quotePattern = uniqueName('price.quote');

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

// Section 9: Nest's Kafka transport (kafkajs underneath) against the broker.
describe('NestJS microservices over the broker', () => {
  let kafka: KafkaUnderTest;
  beforeAll(async () => (kafka = await startKafkaUnderTest()));
  afterAll(() => kafka.stop());

  const kafkaOptions = (groupId: string): KafkaOptions => ({
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'nest-compat', brokers: kafka.brokers, logCreator: silent },
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

  // Messages of the topic the group has not committed yet, over all partitions
  // (Nest suffixes a server's group id with `-server`).
  async function uncommitted(groupId: string): Promise<number> {
    const admin = kafka.client().admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return ends.reduce((sum, end) => {
        const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        return sum + Number(end.high) - Math.max(Number(at), 0);
      }, 0);
    } finally {
      await admin.disconnect();
    }
  }

  async function startInstance(name: string, groupId: string): Promise<INestMicroservice> {
    const app = await NestFactory.createMicroservice<KafkaOptions>(
      instanceModule(name),
      kafkaOptions(groupId),
    );
    app.useLogger(false);
    await app.listen();
    return app;
  }

  it('delivers every ClientKafka.emit exactly once to a group of two @EventPattern instances across rebalances', async () => {
    const groupId = uniqueName('notification');
    const admin = kafka.client().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    await admin.disconnect();
    const client = new ClientKafka({
      client: { clientId: 'nest-emitter', brokers: kafka.brokers, logCreator: silent },
    });
    await client.connect();
    const emit = async (from: number, count: number) => {
      for (let id = from; id < from + count; id++)
        await lastValueFrom(client.emit(topic, { key: String(id), value: { id } }));
    };

    const first = await startInstance('first', groupId);
    await emit(0, 20);
    await expect
      .poll(() => deliveries.length >= 20, {
        timeout: 15_000,
        message: 'the first instance to consume',
      })
      .toBe(true);
    const second = await startInstance('second', groupId); // rebalance: join
    await emit(20, 20);
    await expect
      .poll(() => deliveries.some((delivery) => delivery.instance === 'second'), {
        timeout: 15_000,
        message: 'the second instance to take partitions',
      })
      .toBe(true);
    await first.close(); // rebalance: leave
    await emit(40, 20);
    await expect
      .poll(() => new Set(deliveries.map((delivery) => delivery.id)).size === 60, {
        timeout: 15_000,
        message: 'all 60 events',
      })
      .toBe(true);
    // Committed up to the end of every partition: nothing is left to redeliver.
    await expect
      .poll(() => uncommitted(`${groupId}-server`), {
        timeout: 15_000,
        message: 'the group commits every offset',
      })
      .toBe(0);

    const ids = deliveries.map((delivery) => delivery.id).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 60 }, (_, index) => index));
    expect(new Set(deliveries.map((delivery) => delivery.instance))).toEqual(
      new Set(['first', 'second']),
    );
    await second.close();
    await client.close();
  });

  it('answers ClientKafka.send through @MessagePattern on the auto-created reply topic', async () => {
    const server = await startInstance('replier', uniqueName('quotes'));
    const client = new ClientKafka({
      client: { clientId: 'nest-requester', brokers: kafka.brokers, logCreator: silent },
      consumer: { groupId: uniqueName('requester'), maxWaitTimeInMs: 100, heartbeatInterval: 200 },
    });
    client.subscribeToResponseOf(quotePattern);
    await client.connect();
    const reply = await lastValueFrom(
      client.send<{ courseId: string; cents: number }>(quotePattern, { courseId: 'ts-101' }),
    );
    expect(reply).toEqual({ courseId: 'ts-101', cents: 4200 });
    await client.close();
    await server.close();
  });
});
