import 'reflect-metadata';
import { Module, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientRMQ, Transport, type RmqOptions } from '@nestjs/microservices';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { expect, vi } from 'vitest';
import type { Scenario, ScenarioContext } from '../support/scenario.js';
import { RetryController, retryLog } from './retry.controller.js';
import { SeatController, seen } from './seat.controller.js';

async function microservice(
  controller: Type,
  options: RmqOptions['options'],
): Promise<INestMicroservice> {
  @Module({ controllers: [controller] })
  class ScenarioModule {}
  const config: RmqOptions & { logger: false } = {
    transport: Transport.RMQ,
    options,
    logger: false,
  };
  const app = await NestFactory.createMicroservice<RmqOptions>(ScenarioModule, config);
  await app.listen();
  return app;
}

export const nestScenarios: Scenario[] = [
  {
    name: 'Nest request/reply, emit, and a message without handler dead-lettered to a parking queue',
    async run(ctx: ScenarioContext) {
      seen.events = [];
      const [queue, parking] = [ctx.name('enrollment'), ctx.name('parking')];
      await (await ctx.channel()).assertQueue(parking, { durable: false });
      const queueOptions = {
        durable: false,
        arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': parking },
      };
      const options = { urls: [ctx.url], queue, queueOptions, noAck: false, prefetchCount: 2 };
      const app = await microservice(SeatController, options);
      const client = new ClientRMQ({ urls: [ctx.url], queue, queueOptions });
      try {
        const replies = await Promise.all(
          ['c1', 'c2', 'c3'].map((courseId) =>
            firstValueFrom(client.send('seat.grant', { courseId })),
          ),
        );
        await lastValueFrom(client.emit('seat.released', { courseId: 'c9' }));
        await lastValueFrom(client.emit('nobody.listens', { courseId: 'c0' }));
        await expect.poll(() => seen.events.length, { timeout: 5000 }).toBe(1);
        const ch = await ctx.channel();
        const m = await vi.waitFor(
          async () => {
            const got = await ch.get(parking, { noAck: true });
            if (got === false) throw new Error('nothing parked yet');
            return got;
          },
          { timeout: 5000 },
        );
        const parked = {
          body: JSON.parse(m.content.toString()) as unknown,
          reason: m.properties.headers?.['x-first-death-reason'] ?? 'none',
        };
        expect(replies).toEqual([{ granted: 'c1' }, { granted: 'c2' }, { granted: 'c3' }]);
        return { replies, events: seen.events, parked };
      } finally {
        await client.close();
        await app.close();
      }
    },
  },
  {
    name: 'Nest delayed retry through DLX + TTL queues: attempts counted from x-death, parked after 3',
    async run(ctx: ScenarioContext) {
      const [work, retry, parking] = [
        ctx.name('jobs'),
        ctx.name('jobs.retry'),
        ctx.name('jobs.parking'),
      ];
      retryLog.attempts = [];
      retryLog.parkingQueue = parking;
      const setup = await ctx.channel();
      await setup.assertQueue(parking, { durable: false });
      await setup.assertQueue(retry, {
        durable: false,
        messageTtl: 100,
        deadLetterExchange: '',
        deadLetterRoutingKey: work,
      });
      const queueOptions = {
        durable: false,
        arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': retry },
      };
      const app = await microservice(RetryController, {
        urls: [ctx.url],
        queue: work,
        queueOptions,
        noAck: false,
        prefetchCount: 2,
      });
      const client = new ClientRMQ({ urls: [ctx.url], queue: work, queueOptions });
      try {
        await lastValueFrom(client.emit('job.run', { id: 1 }));
        await expect.poll(() => retryLog.attempts.length, { timeout: 5000 }).toBe(3);
        const parked = await vi.waitFor(
          async () => {
            const got = await setup.get(parking, { noAck: true });
            if (got === false) throw new Error('nothing parked yet');
            return got;
          },
          { timeout: 5000 },
        );
        const deaths = parked.properties.headers?.['x-death'] as {
          queue: string;
          reason: string;
          count: number;
        }[];
        return {
          attempts: retryLog.attempts,
          parkedDeaths: deaths.map((d) => `${d.queue}:${d.reason}:${d.count}`),
        };
      } finally {
        await client.close();
        await app.close();
      }
    },
  },
];
