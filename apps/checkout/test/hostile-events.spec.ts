// The Kafka edge of checkout under fuzz: hostile seat-granted.v1 and
// seat-rejected.v1 messages from fast-check, sent over the embedded broker to
// the running consumer. Each must end applied (or a harmless repeat) or
// dead-lettered once with its reason; forged answers must complete, cancel and
// refund nothing; the consumer must keep going; nothing may be lost.
import { randomUUID } from 'node:crypto';
import { start as startKafkaBroker } from '@shop/kafka-broker';
import type { SeatGrantedV1, SeatRejectedV1 } from '@shop/contracts';
import {
  accountForKafkaBatch,
  contractVerdict,
  describeAccount,
  hostileBatch,
  KafkaTestClient,
  type HostileMessage,
  type Verdict,
} from '@shop/messaging/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHECKOUT_CONSUMER_GROUP } from '../src/app.module.js';
import {
  COURSES,
  orderStatusOf,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

const GRANTED = 'enrollment.seat-granted.v1';
const REJECTED = 'enrollment.seat-rejected.v1';
// Inputs per topic: enough for every shape many times, well under a minute on 2 busy cores.
const RUNS = 300;

let kafkaBroker: Awaited<ReturnType<typeof startKafkaBroker>>;
let checkout: CheckoutTestApp;
const clients = new Map<string, KafkaTestClient>();

beforeAll(async () => {
  kafkaBroker = await startKafkaBroker({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'silent' });
  checkout = await startCheckoutTestApp({}, { consumeFrom: kafkaBroker.address });
  for (const topic of [GRANTED, REJECTED]) {
    const client = new KafkaTestClient(kafkaBroker.address);
    await client.connect(topic, CHECKOUT_CONSUMER_GROUP);
    clients.set(topic, client);
  }
  await vi.waitFor(
    async () => {
      const ready = await checkout.app.inject({ method: 'GET', url: '/health/ready' });
      if (ready.statusCode !== 200) throw new Error(`checkout not ready: ${ready.statusCode}`);
    },
    { timeout: 30_000, interval: 100 },
  );
}, 120_000);
afterAll(async () => {
  for (const client of clients.values()) await client.disconnect();
  await checkout.stop();
  await kafkaBroker.stop();
});

const client = (topic: string) => {
  const found = clients.get(topic);
  if (!found) throw new Error(`no client for ${topic}`);
  return found;
};

interface Placed {
  readonly id: string;
  readonly learnerId: string;
}

async function placeOrder(): Promise<Placed> {
  const learnerId = randomUUID();
  const placed = await checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: {
      'idempotency-key': randomUUID(),
      authorization: await checkout.authorization(learnerId),
    },
    payload: { courseIds: [COURSES.messaging] },
  });
  return { id: placed.json<{ id: string }>().id, learnerId };
}

const statusOf = (id: string) => orderStatusOf(checkout.db, id);
const untilStatus = (id: string, status: string) =>
  expect
    .poll(() => statusOf(id), { timeout: 120_000, message: `order ${id} is ${status}` })
    .toBe(status);

const granted = (order: Placed): SeatGrantedV1 => ({
  orderId: order.id,
  learnerId: order.learnerId,
  enrollments: [{ courseId: COURSES.messaging, enrollmentId: randomUUID() }],
});
const rejected = (order: Placed): SeatRejectedV1 => ({
  orderId: order.id,
  learnerId: order.learnerId,
  courseId: COURSES.messaging,
  reason: 'COURSE_FULL',
});

async function handledIds(messageIds: string[]): Promise<Set<string>> {
  const { rows } = await checkout.db.query<{ message_id: string }>(
    'SELECT message_id FROM inbox_messages WHERE message_id = ANY($1::text[])',
    [messageIds],
  );
  return new Set(rows.map((r) => r.message_id));
}

// Forged answers about orders checkout does not have, or contradicting the ones it has.
const verdictOf = (m: HostileMessage): Verdict =>
  m.contract.ok && m.shape === 'repeat'
    ? 'accepted'
    : contractVerdict(m, { deadLetter: 'UNKNOWN_ORDER' });

// Sends the batch, then a valid answer for a new order behind it, and accounts for every message.
async function fuzz(topic: string, batch: HostileMessage[], marker: Placed, markerStatus: string) {
  await client(topic).publishMessages(topic, batch);
  if (topic === GRANTED) await client(topic).publish(GRANTED, granted(marker));
  else await client(topic).publish(REJECTED, rejected(marker));
  await untilStatus(marker.id, markerStatus);
  const account = await accountForKafkaBatch(client(topic), batch, verdictOf, handledIds);
  console.info(`checkout ${topic}: ${describeAccount(account)}`);
  expect(account.mismatches).toEqual([]);
  expect(account.accepted + account.deadLettered).toBe(batch.length);
  expect(account.deadLetterGroups).toEqual(new Set([CHECKOUT_CONSUMER_GROUP]));
}

describe('checkout under hostile answers from enrollment', () => {
  it(`when ${RUNS} hostile seat-granted messages arrive, then each is applied or dead-lettered exactly once, and no order moves on a forged answer`, async () => {
    const known = [await placeOrder(), await placeOrder()];
    const knownAnswers = known.map(granted);
    for (const answer of knownAnswers) await client(GRANTED).publish(GRANTED, answer);
    for (const order of known) await untilStatus(order.id, 'COMPLETED');
    const enrolling = await placeOrder();
    const batch = hostileBatch(GRANTED, {
      count: RUNS,
      fresh: () => granted({ id: randomUUID(), learnerId: randomUUID() }),
      known: knownAnswers,
      contradictions: [
        (a) => ({ ...a, learnerId: randomUUID() }),
        (a) => ({ ...a, enrollments: [{ courseId: COURSES.grpc, enrollmentId: randomUUID() }] }),
        // Seats for an order still enrolling, but for another learner.
        () => ({ ...granted(enrolling), learnerId: randomUUID() }),
      ],
    });
    await fuzz(GRANTED, batch, await placeOrder(), 'COMPLETED');
    expect(await statusOf(enrolling.id)).toBe('ENROLLING');
  }, 240_000);

  it(`when ${RUNS} hostile seat-rejected messages arrive, then each is applied or dead-lettered exactly once, and nothing is refunded on a forged answer`, async () => {
    const known = [await placeOrder(), await placeOrder()];
    const knownAnswers = known.map(rejected);
    for (const answer of knownAnswers) await client(REJECTED).publish(REJECTED, answer);
    for (const order of known) await untilStatus(order.id, 'CANCELLED');
    const completed = await placeOrder();
    await client(GRANTED).publish(GRANTED, granted(completed));
    await untilStatus(completed.id, 'COMPLETED');
    const refundsBefore = checkout.payments.refundCalls.length;
    const batch = hostileBatch(REJECTED, {
      count: RUNS,
      fresh: () => rejected({ id: randomUUID(), learnerId: randomUUID() }),
      known: knownAnswers,
      contradictions: [
        (a) => ({ ...a, learnerId: randomUUID() }),
        (a) => ({ ...a, courseId: COURSES.grpc }),
        // A completed order's seats cannot be rejected.
        () => rejected(completed),
      ],
    });
    const marker = await placeOrder();
    await fuzz(REJECTED, batch, marker, 'CANCELLED');
    expect(await statusOf(completed.id)).toBe('COMPLETED');
    // Only the marker was refunded: the repeats found their orders cancelled already.
    expect(checkout.payments.refundCalls.length - refundsBefore).toBe(1);
  }, 240_000);
});
