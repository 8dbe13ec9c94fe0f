import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { recordSqlStatements } from '@shop/database/testing';
import { problemType } from '@shop/platform';
import {
  assertSubgraphAnswersHostileOperations,
  hostileOperations,
  postGraphql,
} from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startEnrollment,
  startInfrastructure,
  type Infrastructure,
} from './support/enrollment-harness.js';

// The demo catalog's seats (prisma/seed.sql).
const MESSAGING = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01'; // capacity 100
const GRPC = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f02'; // capacity 50
const MASTERCLASS = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f04'; // capacity 1

let infra: Infrastructure;
let app: NestFastifyApplication;
const learner = randomUUID();
const stranger = randomUUID();
const orders = Array.from({ length: 5 }, () => randomUUID()); // learner's
const strangersOrder = randomUUID();

async function enroll(orderId: string, learnerId: string, courseIds: string[]) {
  for (const courseId of courseIds) {
    await infra.db.query(
      'INSERT INTO enrollments (order_id, learner_id, course_id) VALUES ($1, $2, $3)',
      [orderId, learnerId, courseId],
    );
    await infra.db.query('UPDATE course_seats SET taken = taken + 1 WHERE course_id = $1', [
      courseId,
    ]);
  }
}

beforeAll(async () => {
  infra = await startInfrastructure();
  // No outbox relay: its polls would be counted with the resolvers' statements.
  app = await startEnrollment(infra, { OUTBOX_RELAY_ENABLED: 'false' });
  for (const orderId of orders) await enroll(orderId, learner, [MESSAGING, GRPC]);
  await enroll(strangersOrder, stranger, [MASTERCLASS]);
}, 60_000);
afterAll(async () => {
  await app.close();
  await infra.stop();
});

const SEATS = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Course { id seats { capacity taken available } }
} }`;
const ENROLLMENTS = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Order { id enrollments { course { id } enrolledAt } }
} }`;
const reps = (typename: string, ids: string[]) => ({
  reps: ids.map((id) => ({ __typename: typename, id })),
});

describe('enrollment subgraph', () => {
  it('adds seats to checkout’s courses: capacity, taken and available, null for a course it does not know', async () => {
    const { data, errors, headers } = await postGraphql(app, SEATS, {
      variables: reps('Course', [MESSAGING, MASTERCLASS, randomUUID()]),
    });

    expect(errors).toBeUndefined();
    expect(data?._entities).toEqual([
      { id: MESSAGING, seats: { capacity: 100, taken: 5, available: 95 } },
      { id: MASTERCLASS, seats: { capacity: 1, taken: 1, available: 0 } },
      { id: expect.any(String) as unknown, seats: null },
    ]);
    // Seats move: cacheable, but only for 5 s (the SDL's hint).
    expect(headers['cache-control']).toBe('max-age=5, public');
  });

  it('adds to an order the seats granted for it, each course a reference for the gateway to complete', async () => {
    const { data, errors, headers } = await postGraphql(app, ENROLLMENTS, {
      variables: reps('Order', [orders[0]!, randomUUID()]),
      learnerId: learner,
    });

    expect(errors).toBeUndefined();
    const [granted, none] = data?._entities as {
      enrollments: { course: { id: string }; enrolledAt: string }[];
    }[];
    expect(granted!.enrollments.map((e) => e.course.id)).toEqual([MESSAGING, GRPC]);
    expect(new Date(granted!.enrollments[0]!.enrolledAt).getTime()).not.toBeNaN();
    expect(none!.enrollments).toEqual([]); // not handled (yet): empty, not an error
    expect(headers['cache-control']).toBe('no-store');
  });

  it('shows a learner no enrollments of another learner’s order', async () => {
    const { data } = await postGraphql(app, ENROLLMENTS, {
      variables: reps('Order', [strangersOrder]),
      learnerId: learner,
    });

    expect(data?._entities).toEqual([{ id: strangersOrder, enrollments: [] }]);
  });

  it('answers enrollments null plus UNAUTHENTICATED without x-learner-id', async () => {
    const { data, errors } = await postGraphql(app, ENROLLMENTS, {
      variables: reps('Order', [orders[0]!]),
    });

    expect(data?._entities).toEqual([{ id: orders[0], enrollments: null }]);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      type: problemType('unauthenticated'),
    });
  });

  it('reads the seats of many courses and the enrollments of many orders with one statement each', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Order { enrollments { course { id } } } ... on Course { seats { available } }
    } }`;
    const statementsOf = async (orderIds: string[], courseIds: string[]) => {
      const recorder = recordSqlStatements('enrollment');
      try {
        const { errors } = await postGraphql(app, query, {
          variables: { reps: [...reps('Order', orderIds).reps, ...reps('Course', courseIds).reps] },
          learnerId: learner,
        });
        expect(errors).toBeUndefined();
        return recorder.statements.map((sql) => /FROM "public"\."(\w+)"/.exec(sql)?.[1]).sort();
      } finally {
        recorder.stop();
      }
    };

    expect(await statementsOf(orders.slice(0, 1), [MESSAGING])).toEqual([
      'course_seats',
      'enrollments',
    ]);
    expect(await statementsOf(orders, [MESSAGING, GRPC, MASTERCLASS])).toEqual([
      'course_seats',
      'enrollments',
    ]);
  });
});

// Issue 13, deliverable 6: hostile arguments as the gateway would send them.
describe('enrollment subgraph under hostile input', () => {
  it('answers any representations and variables with data or client errors, never a 5xx or an INTERNAL_SERVER_ERROR', async () => {
    const operations = hostileOperations({
      entities: [
        { typename: 'Course', selection: 'seats { capacity taken available }' },
        { typename: 'Order', selection: 'enrollments { course { id } enrolledAt }' },
      ],
      knownIds: [MESSAGING, GRPC, MASTERCLASS, ...orders, strangersOrder],
      learnerIds: [learner, stranger],
    });
    await assertSubgraphAnswersHostileOperations(
      app,
      'enrollment (GraphQL subgraph)',
      operations,
      300,
    );
  }, 600_000);
});
