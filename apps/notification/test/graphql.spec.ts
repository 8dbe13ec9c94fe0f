import { randomUUID } from 'node:crypto';
import { recordSqlStatements } from '@shop/database/testing';
import { problemType } from '@shop/platform';
import {
  assertSubgraphAnswersHostileOperations,
  hostileOperations,
  postGraphql,
} from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startNotificationService,
  type NotificationService,
} from './support/notification-service.js';

let service: NotificationService;
const learner = randomUUID();
const stranger = randomUUID();
const orders = Array.from({ length: 5 }, () => randomUUID()); // learner's, each with a receipt
const strangersOrder = randomUUID();
const sentAt = new Date('2026-11-21T10:00:00.000Z');

beforeAll(async () => {
  service = await startNotificationService();
  await service.db.receipt.createMany({
    data: [
      ...orders.map((orderId) => ({
        orderId,
        learnerId: learner,
        email: 'learner@example.com',
        body: `Thank you for order ${orderId}`,
        sentAt,
      })),
      { orderId: strangersOrder, learnerId: stranger, body: 'Thanks', sentAt },
    ],
  });
}, 60_000);
afterAll(async () => {
  await service.stop();
});

const RECEIPTS = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Order { id receipt { id sentAt body } }
} }`;
const orderReps = (ids: string[]) => ({ reps: ids.map((id) => ({ __typename: 'Order', id })) });

describe('notification subgraph', () => {
  it('adds to an order the receipt sent for it, and null before it was sent', async () => {
    const pending = randomUUID();
    const { data, errors, headers } = await postGraphql(service.app, RECEIPTS, {
      variables: orderReps([orders[0]!, pending]),
      learnerId: learner,
    });

    expect(errors).toBeUndefined();
    expect(data?._entities).toEqual([
      {
        id: orders[0],
        receipt: {
          id: expect.any(String) as unknown,
          sentAt: '2026-11-21T10:00:00.000Z',
          body: `Thank you for order ${orders[0]}`,
        },
      },
      { id: pending, receipt: null },
    ]);
    expect(headers['cache-control']).toBe('no-store');
  });

  it('never shows a learner the receipt of another learner’s order', async () => {
    const { data } = await postGraphql(service.app, RECEIPTS, {
      variables: orderReps([strangersOrder]),
      learnerId: learner,
    });

    expect(data?._entities).toEqual([{ id: strangersOrder, receipt: null }]);
  });

  it('answers receipt null plus UNAUTHENTICATED without x-learner-id', async () => {
    const { data, errors } = await postGraphql(service.app, RECEIPTS, {
      variables: orderReps([orders[0]!]),
    });

    expect(data?._entities).toEqual([{ id: orders[0], receipt: null }]);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      type: problemType('unauthenticated'),
    });
  });

  it('reads the receipts of 5 orders with one statement, as for 1', async () => {
    const statementsOf = async (orderIds: string[]) => {
      const recorder = recordSqlStatements('notification');
      try {
        const { errors } = await postGraphql(service.app, RECEIPTS, {
          variables: orderReps(orderIds),
          learnerId: learner,
        });
        expect(errors).toBeUndefined();
        return recorder.statements.map((sql) => /FROM "public"\."(\w+)"/.exec(sql)?.[1]);
      } finally {
        recorder.stop();
      }
    };

    expect(await statementsOf(orders.slice(0, 1))).toEqual(['receipts']);
    expect(await statementsOf(orders)).toEqual(['receipts']);
  });
});

// Found by the property below: Apollo's _entities resolver threw a plain Error for these.
describe('notification subgraph, representations that are not its entities', () => {
  it.each([
    [false],
    [{ __typename: 'Nope', id: orders[0] }],
    [{ __typename: 'Order', id: '\u0000' }],
  ])('refuses %j as BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async (representation) => {
    const { status, errors } = await postGraphql(service.app, RECEIPTS, {
      variables: { reps: [representation] },
      learnerId: learner,
    });
    expect(status).toBe(400);
    expect(errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Invalid entity representation') as unknown,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) as unknown,
      }),
    ]);
  });
});

// Issue 13, deliverable 6: hostile arguments as the gateway would send them.
describe('notification subgraph under hostile input', () => {
  it('answers any representations and variables with data or client errors, never a 5xx or an INTERNAL_SERVER_ERROR', async () => {
    const operations = hostileOperations({
      entities: [{ typename: 'Order', selection: 'receipt { id sentAt body }' }],
      knownIds: [...orders, strangersOrder],
      learnerIds: [learner, stranger],
    });
    await assertSubgraphAnswersHostileOperations(
      service.app,
      'notification (GraphQL subgraph)',
      operations,
      300,
    );
  }, 600_000);
});
