import { randomUUID } from 'node:crypto';
import { subgraphSdl, type SubgraphName } from '@shop/contracts';
import { GATEWAY_TOKEN_HEADER } from '@shop/identity';
import { parse, print } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSES, newLearner } from '../support/checkout.client.js';
import { gatewayTokenFor } from '../support/dev-tokens.js';
import { ASYNC_TIMEOUT, connectToStack, orderReaching } from '../support/flow.js';
import { GraphqlClient, type GraphqlError } from '../support/graphql.client.js';

const { stack, checkout, close } = connectToStack();
afterAll(close);

const ports: Record<SubgraphName, number> = {
  checkout: stack.ports.CHECKOUT_PORT,
  enrollment: stack.ports.ENROLLMENT_PORT,
  notification: stack.ports.NOTIFICATION_PORT,
  analytics: stack.ports.ANALYTICS_PORT,
};

interface GraphqlBody<Data> {
  readonly data: Data;
  readonly errors: readonly GraphqlError[];
}

/** One operation against one service's subgraph, as the gateway sends it. */
async function graphql<Data>(
  subgraph: SubgraphName,
  query: string,
  variables: Record<string, unknown> = {},
  learnerId?: string,
): Promise<GraphqlBody<Data>> {
  const answer = await GraphqlClient.onPort(ports[subgraph]).graphql<Data>({
    query,
    variables,
    headers: { [GATEWAY_TOKEN_HEADER]: await gatewayTokenFor(subgraph, learnerId) },
  });
  expect(answer.status).toBe(200);
  return { data: answer.data as Data, errors: answer.errors };
}

const definitionsOf = (sdl: string) => new Set(parse(sdl).definitions.map((d) => print(d)));

const entities = (fragment: string) =>
  `query ($reps: [_Any!]!) { _entities(representations: $reps) { ${fragment} } }`;

describe('the services’ GraphQL subgraphs', () => {
  it.each(Object.keys(ports) as SubgraphName[])(
    'refuses a caller that is not the gateway at %s’s subgraph, even one sending x-learner-id',
    async (name) => {
      const answer = await GraphqlClient.onPort(ports[name]).graphql({
        query: '{ __typename }',
        headers: { 'x-learner-id': newLearner() },
      });
      expect(answer.status).toBe(401);
      expect(answer.errors[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    },
  );

  it.each(Object.keys(ports) as SubgraphName[])(
    'serves %s’s subgraph at /graphql: every definition of its committed SDL',
    async (name) => {
      const { data } = await graphql<{ _service: { sdl: string } }>(name, '{ _service { sdl } }');

      // Every definition of the committed file, as served (federation adds its own next to them).
      const served = definitionsOf(data._service.sdl);
      expect([...definitionsOf(subgraphSdl(name))].filter((d) => !served.has(d))).toEqual([]);
    },
  );

  it('shows a purchase placed over GraphQL from every subgraph: order, payment, enrollments, receipt, stats', async () => {
    const learnerId = newLearner();
    const placed = await graphql<{ placeOrder: { id: string; status: string } }>(
      'checkout',
      `
        mutation ($input: PlaceOrderInput!) {
          placeOrder(input: $input) {
            id
            status
          }
        }
      `,
      { input: { idempotencyKey: randomUUID(), courseIds: [COURSES.kafkaDeepDive] } },
      learnerId,
    );
    expect(placed.errors).toEqual([]);
    const orderId = placed.data.placeOrder.id;
    await orderReaching(checkout, orderId, 'COMPLETED', learnerId);

    const order = await graphql<{ order: unknown }>(
      'checkout',
      `
        query ($id: ID!) {
          order(id: $id) {
            status
            lines {
              course {
                slug
              }
            }
            payment {
              status
            }
          }
        }
      `,
      { id: orderId },
      learnerId,
    );
    const orderRef = { reps: [{ __typename: 'Order', id: orderId }] };
    const enrollments = await graphql<{ _entities: unknown[] }>(
      'enrollment',
      entities('... on Order { enrollments { course { id } } }'),
      orderRef,
      learnerId,
    );
    const courseRef = { reps: [{ __typename: 'Course', id: COURSES.kafkaDeepDive }] };
    const seats = await graphql<{ _entities: { seats: { taken: number } }[] }>(
      'enrollment',
      entities('... on Course { seats { taken } }'),
      courseRef,
    );

    expect(order.data.order).toEqual({
      status: 'COMPLETED',
      lines: [{ course: { slug: 'kafka-events-deep-dive' } }],
      payment: { status: 'AUTHORIZED' },
    });
    expect(enrollments.data._entities).toEqual([
      { enrollments: [{ course: { id: COURSES.kafkaDeepDive } }] },
    ]);
    expect(seats.data._entities[0]!.seats.taken).toBeGreaterThan(0);
    // Receipts and stats follow order.completed.v1 through Kafka: eventually there.
    await expect
      .poll(async () => {
        const { data } = await graphql<{ _entities: { receipt: { body: string } | null }[] }>(
          'notification',
          entities('... on Order { receipt { body } }'),
          orderRef,
          learnerId,
        );
        return data._entities[0]?.receipt?.body ?? null;
      }, ASYNC_TIMEOUT)
      .toEqual(expect.stringContaining(orderId));
    await expect
      .poll(async () => {
        const { data } = await graphql<{ _entities: { stats: { conversions: number } | null }[] }>(
          'analytics',
          entities('... on Course { stats { conversions } }'),
          courseRef,
        );
        return data._entities[0]?.stats?.conversions ?? 0;
      }, ASYNC_TIMEOUT)
      .toBeGreaterThan(0);
  }, 60_000);
});
