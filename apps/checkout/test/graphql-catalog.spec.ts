import { problemType } from '@shop/platform';
import { postGraphql } from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

let checkout: CheckoutTestApp;

beforeAll(async () => {
  checkout = await startCheckoutTestApp();
}, 60_000);
afterAll(async () => {
  await checkout.stop();
});

interface CoursePage {
  courses: {
    nodes: { id: string; slug: string; price: { amountMinor: number } }[];
    nextCursor: string | null;
  };
}

const COURSES_QUERY = `query Catalog($first: Int!, $after: String) {
  courses(first: $first, after: $after) { nodes { id slug price { amountMinor currency } } nextCursor }
}`;

describe('checkout subgraph: the catalog', () => {
  it('pages through the catalog like GET /v1/courses, each course once, in slug order, without a token', async () => {
    const slugs: string[] = [];
    let after: string | null = null;
    do {
      const { data, errors }: { data: CoursePage | null | undefined; errors: unknown } =
        await postGraphql<CoursePage>(checkout.app, COURSES_QUERY, {
          variables: { first: 3, after },
        });
      expect(errors).toBeUndefined();
      slugs.push(...data!.courses.nodes.map((course) => course.slug));
      after = data!.courses.nextCursor;
    } while (after !== null);

    expect(slugs).toEqual([
      'async-messaging-101',
      'grpc-in-practice',
      'kafka-events-deep-dive',
      'outbox-pattern-masterclass',
    ]);
  });

  it('is cacheable for 60 s by anyone (Cache-Control for the gateway), prices included', async () => {
    const answer = await postGraphql(checkout.app, COURSES_QUERY, { variables: { first: 2 } });

    expect(answer.errors).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('max-age=60, public');
  });

  it('answers one course by id, and null (no error) for an unknown or malformed id', async () => {
    const query =
      'query One($id: ID!) { course(id: $id) { id title price { amountMinor minorUnits } } }';
    const found = await postGraphql(checkout.app, query, { variables: { id: COURSES.grpc } });
    const unknown = await postGraphql(checkout.app, query, {
      variables: { id: '00000000-0000-4000-8000-000000000000' },
    });
    const malformed = await postGraphql(checkout.app, query, { variables: { id: 'nope' } });

    expect(found.data).toEqual({
      course: {
        id: COURSES.grpc,
        title: 'gRPC in Practice',
        price: { amountMinor: 5900, minorUnits: '5900' },
      },
    });
    expect([unknown.data, unknown.errors]).toEqual([{ course: null }, undefined]);
    expect([malformed.data, malformed.errors]).toEqual([{ course: null }, undefined]);
  });

  it('refuses a page larger than 50 and a cursor it did not issue, with REST’s problem types', async () => {
    const tooMany = await postGraphql(checkout.app, COURSES_QUERY, { variables: { first: 51 } });
    const badCursor = await postGraphql(checkout.app, COURSES_QUERY, {
      variables: { first: 2, after: 'not-a-cursor' },
    });

    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      type: problemType('invalid-request'),
    });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      type: problemType('invalid-cursor'),
      correlationId: expect.any(String) as unknown,
    });
  });

  it('resolves Course entities for the gateway (_entities), unknown ids as null', async () => {
    const { data } = await postGraphql<{ _entities: ({ slug: string } | null)[] }>(
      checkout.app,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Course { slug } } }`,
      {
        variables: {
          reps: [
            { __typename: 'Course', id: COURSES.messaging },
            { __typename: 'Course', id: '00000000-0000-4000-8000-000000000000' },
          ],
        },
      },
    );

    expect(data?._entities).toEqual([{ slug: 'async-messaging-101' }, null]);
  });
});
