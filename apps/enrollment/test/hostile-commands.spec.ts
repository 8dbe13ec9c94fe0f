// The AMQP edge of enrollment under fuzz: hostile grant-seat commands from
// fast-check, published to the command exchange on the embedded broker for
// the running consumer. Each must end handled (granted, rejected or a harmless
// duplicate) or parked once with its reason; a contradicting command takes no
// seat; the consumer must keep going; nothing may be lost.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { cloudEventContentType, DeadLetterHeaders, messageKinds } from '@shop/contracts';
import {
  accountFor,
  contractVerdict,
  describeAccount,
  eventIdsOf,
  handledIn,
  hostileBatch,
  type HostileMessage,
} from '@shop/messaging/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parkingQueue } from '../src/messaging/grant-seat.topology.js';
import {
  createCourses,
  drainQueue,
  grantSeat,
  queueDepth,
  sendCommands,
  startEnrollment,
  startInfrastructure,
  type GrantSeat,
  type Infrastructure,
} from './support/enrollment-harness.js';

const KIND = 'enrollment.grant-seat.v1';
// Inputs on this edge: enough for every shape many times, well under a minute on 2 busy cores.
const RUNS = 300;

let infra: Infrastructure;
let app: NestFastifyApplication;

beforeAll(async () => {
  infra = await startInfrastructure();
  app = await startEnrollment(infra);
}, 60_000);
afterAll(async () => {
  await app.close();
  await infra.stop();
});

async function publish(messages: readonly HostileMessage[]): Promise<void> {
  const { exchange, routingKey } = messageKinds[KIND].route;
  const channel = await infra.amqp.createConfirmChannel();
  for (const { key, value } of messages) {
    channel.publish(exchange, routingKey, value, {
      persistent: true,
      messageId: key,
      contentType: cloudEventContentType,
    });
  }
  await channel.waitForConfirms();
  await channel.close();
}

async function claimed(ids: readonly string[]): Promise<Set<string>> {
  const { rows } = await infra.db.query<{ message_id: string }>(
    'SELECT message_id FROM inbox_messages WHERE message_id = ANY($1::text[])',
    [ids],
  );
  return new Set(rows.map((r) => r.message_id));
}

const seatsTaken = async (courseId: string) =>
  (
    await infra.db.query<{ taken: number }>('SELECT taken FROM course_seats WHERE course_id = $1', [
      courseId,
    ])
  ).rows[0]?.taken;

describe('enrollment under hostile grant-seat commands', () => {
  it(`when ${RUNS} hostile commands arrive, then each is handled or parked exactly once with its reason, and a contradiction takes no seat`, async () => {
    const [roomy, other] = await createCourses(infra.db, 10_000, 10_000);
    if (!roomy || !other) throw new Error('no courses');
    const known: GrantSeat[] = [grantSeat([roomy]), grantSeat([roomy])];
    await sendCommands(infra.amqp, known);
    await expect
      .poll(async () => (await claimed(known.map((k) => k.commandId))).size, { timeout: 30_000 })
      .toBe(known.length);
    await drainQueue(infra.amqp, parkingQueue);

    const batch = hostileBatch(KIND, {
      count: RUNS,
      fresh: () => grantSeat([roomy]),
      known,
      contradictions: [
        (c) => ({ ...c, commandId: `order-${randomUUID()}`, learnerId: randomUUID() }),
        (c) => ({ ...c, commandId: `order-${randomUUID()}`, courseIds: [other] }),
        (c) => ({ ...c, commandId: `order-${randomUUID()}`, courseIds: [roomy, other] }),
      ],
    });
    await publish(batch);
    const marker = grantSeat([roomy]);
    await sendCommands(infra.amqp, [marker]);

    const refused = batch.filter((m) => contractVerdict(m) !== 'accepted').length;
    await expect
      .poll(async () => (await claimed([marker.commandId])).size, {
        timeout: 120_000,
        message: 'the command behind the batch is handled',
      })
      .toBe(1);
    await expect
      .poll(() => queueDepth(infra.amqp, parkingQueue), {
        timeout: 120_000,
        message: 'every refused command is parked',
      })
      .toBeGreaterThanOrEqual(refused);
    const parked = (await drainQueue(infra.amqp, parkingQueue)).map((m) => ({
      key: String(m.properties.messageId),
      code: String(m.properties.headers?.[DeadLetterHeaders.parkingCode]),
      reason: String(m.properties.headers?.[DeadLetterHeaders.parkingReason] ?? ''),
    }));
    const handled = await claimed(eventIdsOf(batch));
    const account = accountFor(batch, parked, contractVerdict, handledIn(handled));
    console.info(`enrollment: ${describeAccount(account, 'parked')}`);
    expect(account.mismatches).toEqual([]);
    expect(account.accepted + account.deadLettered).toBe(RUNS);
    expect(await seatsTaken(other)).toBe(0);
  }, 240_000);
});
