import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type RunningBroker } from '@shop/kafka-broker';
import { DeadLetterHeaders } from '@shop/contracts';
import { DevFaults, type InAppFault } from '@shop/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsumerTestApp, type ConsumerTestApp } from './support/consumer-test.app.js';
import { KafkaTestClient } from '../src/testing/index.js';

const TOPIC = 'order.completed.v1';

function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
}

describe('EventConsumer on a real Kafka consumer group', () => {
  let broker: RunningBroker;
  let client: KafkaTestClient;
  let service: ConsumerTestApp;
  let faultDir: string;
  let faultFile: string;

  beforeAll(async () => {
    // The stack's fault API writes this file (docs/drills.md); empty unless a test injects.
    faultDir = await mkdtemp(join(tmpdir(), 'consumer-faults-'));
    faultFile = join(faultDir, 'faults.json');
    broker = await start({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'warn' });
    client = new KafkaTestClient(broker.address);
    await client.connect(TOPIC, 'messaging-test');
    service = await startConsumerTestApp(
      broker.address,
      'messaging-test',
      { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      undefined,
      new DevFaults(faultFile),
    );
  }, 30_000);
  afterAll(async () => {
    await service.app.close();
    await client.disconnect();
    await broker.stop();
    await rm(faultDir, { recursive: true, force: true });
  });

  /** As the stack's fault injector writes it: the whole file, renamed into place. */
  async function injectFaults(faults: Omit<InAppFault, 'target' | 'until'>[]): Promise<void> {
    const until = Date.now() + 60_000;
    const temporary = `${faultFile}.tmp`;
    await writeFile(
      temporary,
      JSON.stringify({ faults: faults.map((f) => ({ ...f, target: 'consumer', until })) }),
    );
    await rename(temporary, faultFile);
  }

  const handledIds = () => service.probe.handled.map((handled) => handled.id);

  it('handles a valid event with its correlation id in scope, on every log line', async () => {
    const event = await client.publishOrderCompleted('req-valid-1');
    await expect
      .poll(() => handledIds().includes(event.id), {
        timeout: 15_000,
        message: 'the event is handled',
      })
      .toBe(true);
    expect(service.probe.handled.find((handled) => handled.id === event.id)?.correlationId).toBe(
      'req-valid-1',
    );
    const line = service.logs.lines.find((logged) => logged.msg === `handled ${event.id}`);
    expect(line).toMatchObject({ correlationId: 'req-valid-1' });
    await expect
      .poll(
        () => service.logs.lines.some((l) => l.msg === 'event handled' && l.eventId === event.id),
        { timeout: 15_000, message: 'the glue logs the event as handled' },
      )
      .toBe(true);
    const handledLine = service.logs.lines.find(
      (l) => l.msg === 'event handled' && l.eventId === event.id,
    );
    expect(handledLine).toMatchObject({ correlationId: 'req-valid-1', topic: TOPIC });
  });

  it('dead-letters an invalid message with the reason and its original bytes, then handles the next one', async () => {
    const invalid = JSON.stringify({
      specversion: '1.0',
      id: 'x',
      type: 'com.shop.order.completed.v1',
    });
    await client.publishRaw(TOPIC, 'order-invalid', invalid);
    const next = await client.publishOrderCompleted();
    await expect
      .poll(() => handledIds().includes(next.id), {
        timeout: 15_000,
        message: 'the next valid event is handled',
      })
      .toBe(true);
    await expect
      .poll(() => client.deadLetters.some((m) => m.key?.toString() === 'order-invalid'), {
        timeout: 15_000,
        message: 'a dead letter',
      })
      .toBe(true);
    const dead = client.deadLetters.find((m) => m.key?.toString() === 'order-invalid')!;
    expect(dead.value?.toString()).toBe(invalid);
    expect(dead.headers?.[DeadLetterHeaders.code]?.toString()).toBe('INVALID_ENVELOPE');
    expect(dead.headers?.[DeadLetterHeaders.reason]?.toString()).toMatch(
      /missing or empty attribute\(s\): source, subject/,
    );
  });

  it('untilDeadLettered waits for the dead letters of the messages given, and names how many came when some never do', async () => {
    const refused = { key: 'order-not-json' };
    await client.publishRaw(TOPIC, refused.key, 'not json');
    await client.untilDeadLettered([refused], 30_000);
    expect(client.deadLettersOf([refused])).toEqual([
      expect.objectContaining({ key: refused.key, group: 'messaging-test' }),
    ]);
    await expect(client.untilDeadLettered([refused, { key: 'never-sent' }], 100)).rejects.toThrow(
      '1 of 2 messages dead-lettered in 100 ms',
    );
  });

  it('dead-letters a poison message after maxAttempts with the last error, and moves on', async () => {
    const poison = await client.publishOrderCompleted();
    service.probe.failNext(
      poison.id,
      Number.POSITIVE_INFINITY,
      () => new TypeError('cannot read lines of undefined'),
    );
    const next = await client.publishOrderCompleted();
    await expect
      .poll(() => handledIds().includes(next.id), {
        timeout: 15_000,
        message: 'the message behind the poison one is handled',
      })
      .toBe(true);
    expect(service.probe.attempts.get(poison.id)).toBe(3);
    expect(handledIds()).not.toContain(poison.id);
    const dead = client.deadLetters.find(
      (m) => m.key?.toString() === poison.subject && m.value?.toString().includes(poison.id),
    );
    expect(dead?.headers?.[DeadLetterHeaders.code]?.toString()).toBe('HANDLER_FAILED');
    expect(dead?.headers?.[DeadLetterHeaders.reason]?.toString()).toBe(
      'handler failed 3 times: TypeError: cannot read lines of undefined',
    );
  });

  it('dead-letters an event its handler refuses as a contradiction at once, without a retry, and moves on', async () => {
    const contradicting = await client.publishOrderCompleted();
    service.probe.refuse(contradicting.id, 'CONTRADICTION', 'order already completed for 4900 EUR');
    const next = await client.publishOrderCompleted();
    await expect
      .poll(() => handledIds().includes(next.id), {
        timeout: 15_000,
        message: 'the message behind the refused one is handled',
      })
      .toBe(true);
    const parked = () =>
      client.deadLetters.filter((m) => m.value?.toString().includes(contradicting.id));
    await expect.poll(() => parked().length, { timeout: 15_000, message: 'a dead letter' }).toBe(1);
    expect(service.probe.attempts.get(contradicting.id)).toBe(1);
    const [dead] = parked();
    expect(dead?.headers?.[DeadLetterHeaders.code]?.toString()).toBe('CONTRADICTION');
    expect(dead?.headers?.[DeadLetterHeaders.reason]?.toString()).toBe(
      'order already completed for 4900 EUR',
    );
    expect(dead?.headers?.[DeadLetterHeaders.group]?.toString()).toBe('messaging-test');
  });

  it('retries a transient failure beyond maxAttempts, never dead-letters it, and handles it once the dependency is back', async () => {
    const event = await client.publishOrderCompleted();
    service.probe.failNext(event.id, 8, connectionRefused);
    await expect
      .poll(() => handledIds().includes(event.id), {
        timeout: 15_000,
        message: 'the event is handled after the outage',
      })
      .toBe(true);
    expect(service.probe.attempts.get(event.id)).toBe(9);
    expect(client.deadLetters.some((m) => m.value?.toString().includes(event.id))).toBe(false);
  });

  it('hands each handled event to its handler twice while a duplicate-delivery fault acts', async () => {
    await injectFaults([{ id: 'twice', duplicate: true }]);
    try {
      const event = await client.publishOrderCompleted();
      await expect
        .poll(() => handledIds().filter((id) => id === event.id).length, {
          timeout: 15_000,
          message: 'the event is handled twice',
        })
        .toBe(2);
      expect(service.probe.attempts.get(event.id)).toBe(2);
    } finally {
      await injectFaults([]);
    }
  });

  it('retries, then dead-letters, an event whose handler did its work and then "crashed" (a fault after the handler)', async () => {
    await injectFaults([{ id: 'crash-after', errorRate: 1, afterWork: true }]);
    try {
      const event = await client.publishOrderCompleted();
      const dead = () => client.deadLetters.find((m) => m.value?.toString().includes(event.id));
      await expect
        .poll(() => dead() !== undefined, { timeout: 15_000, message: 'a dead letter' })
        .toBe(true);
      // The handler ran each attempt: what an idempotent handler's inbox is for.
      expect(service.probe.attempts.get(event.id)).toBe(3);
      expect(dead()?.headers?.[DeadLetterHeaders.reason]?.toString()).toBe(
        'handler failed 3 times: InjectedFaultError: injected fault crash-after',
      );
    } finally {
      await injectFaults([]);
    }
  });

  it('is ready while its consumer is in the group', async () => {
    const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ info: { kafka: { status: 'up' } } });
  });
});
