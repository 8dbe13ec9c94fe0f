import type { TestProject } from 'vitest/node';
import { rabbitMqUnavailableReason, startRabbitMq } from '../../src/testing/rabbitmq.process.js';
import { SHARED_BROKER_LIMITS } from './broker-limits.js';

declare module 'vitest' {
  export interface ProvidedContext {
    // The real RabbitMQ of this run, or why there is none.
    rabbitmq: { url: string } | { skipReason: string };
  }
}

/** Starts one real RabbitMQ for the whole run (about 7 s), if this machine has one. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reason = rabbitMqUnavailableReason();
  if (reason !== undefined) {
    if (process.env.REQUIRE_RABBITMQ === '1') throw new Error(`REQUIRE_RABBITMQ=1 but ${reason}`);
    console.warn(`[amqp-broker] differential half skipped: ${reason}`);
    project.provide('rabbitmq', { skipReason: reason });
    return () => Promise.resolve();
  }
  const rabbit = await startRabbitMq(SHARED_BROKER_LIMITS);
  project.provide('rabbitmq', { url: rabbit.url });
  return () => rabbit.stop();
}
