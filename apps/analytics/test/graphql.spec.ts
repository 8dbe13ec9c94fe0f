import { randomUUID } from 'node:crypto';
import { recordSqlStatements } from '@shop/database/testing';
import {
  assertSubgraphAnswersHostileOperations,
  hostileOperations,
  postGraphql,
} from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnalyticsService, type AnalyticsService } from './support/analytics-service.js';

let service: AnalyticsService;
const courses = Array.from({ length: 5 }, () => randomUUID());

beforeAll(async () => {
  service = await startAnalyticsService();
  await service.db.courseStats.createMany({
    data: courses.map((courseId, i) => ({
      courseId,
      conversions: i + 1,
      cancellations: i,
      revenueMinor: BigInt((i + 1) * 4900),
      currency: 'EUR',
    })),
  });
}, 60_000);
afterAll(async () => {
  await service.stop();
});

const STATS = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Course { id stats { conversions cancellations revenue { minorUnits amountMinor currency } } }
} }`;
const courseReps = (ids: string[]) => ({ reps: ids.map((id) => ({ __typename: 'Course', id })) });

describe('analytics subgraph', () => {
  it('adds to checkout’s courses their conversions, cancellations and revenue, without a token', async () => {
    const unsold = randomUUID();
    const { data, errors } = await postGraphql(service.app, STATS, {
      variables: courseReps([courses[1]!, unsold]),
    });

    expect(errors).toBeUndefined();
    expect(data?._entities).toEqual([
      {
        id: courses[1],
        stats: {
          conversions: 2,
          cancellations: 1,
          revenue: { minorUnits: '9800', amountMinor: 9800, currency: 'EUR' },
        },
      },
      { id: unsold, stats: null }, // nothing counted yet
    ]);
  });

  // Issue 13: revenue beyond GraphQL's 32-bit Int made Course.stats an error for good.
  it.each([
    ['2³¹', 2n ** 31n],
    ['2⁵³ + 1 (past a JSON number)', 2n ** 53n + 1n],
    ['BIGINT’s maximum', 2n ** 63n - 1n],
  ])('reads revenue of %s minor units back exactly as minorUnits', async (_, revenueMinor) => {
    const courseId = randomUUID();
    await service.db.courseStats.create({
      data: { courseId, conversions: 1, cancellations: 0, revenueMinor, currency: 'EUR' },
    });
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Course { stats { conversions revenue { minorUnits currency } } }
    } }`;
    const { data, errors } = await postGraphql(service.app, query, {
      variables: courseReps([courseId]),
    });

    expect(errors).toBeUndefined();
    expect(data?._entities).toEqual([
      {
        stats: {
          conversions: 1,
          revenue: { minorUnits: revenueMinor.toString(), currency: 'EUR' },
        },
      },
    ]);
  });

  it('answers the deprecated Int amountMinor past 2³¹ with AMOUNT_BEYOND_INT, naming minorUnits', async () => {
    const courseId = randomUUID();
    await service.db.courseStats.create({
      data: {
        courseId,
        conversions: 1,
        cancellations: 0,
        revenueMinor: 2n ** 31n,
        currency: 'EUR',
      },
    });
    const { data, errors } = await postGraphql(
      service.app,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Course { stats { conversions revenue { amountMinor } } }
      } }`,
      { variables: courseReps([courseId]) },
    );

    expect(data?._entities).toEqual([{ stats: null }]);
    expect(errors).toEqual([
      expect.objectContaining({
        message:
          "2147483648 EUR minor units do not fit GraphQL's 32-bit Int: ask for Money.minorUnits.",
        extensions: expect.objectContaining({
          code: 'AMOUNT_BEYOND_INT',
          minorUnits: '2147483648',
        }) as unknown,
      }),
    ]);
  });

  it('lets the gateway cache the figures for 30 s (the SDL’s hint, Money included)', async () => {
    const { headers } = await postGraphql(service.app, STATS, { variables: courseReps(courses) });

    expect(headers['cache-control']).toBe('max-age=30, public');
  });

  it('reads the stats of 5 courses with one statement, as for 1', async () => {
    const statementsOf = async (ids: string[]) => {
      const recorder = recordSqlStatements('analytics');
      try {
        const { errors } = await postGraphql(service.app, STATS, { variables: courseReps(ids) });
        expect(errors).toBeUndefined();
        return recorder.statements.map((sql) => /FROM "public"\."(\w+)"/.exec(sql)?.[1]);
      } finally {
        recorder.stop();
      }
    };

    expect(await statementsOf(courses.slice(0, 1))).toEqual(['course_stats']);
    expect(await statementsOf(courses)).toEqual(['course_stats']);
  });
});

// Issue 13, deliverable 6: hostile arguments as the gateway would send them.
describe('analytics subgraph under hostile input', () => {
  it('answers any representations and variables with data or client errors, never a 5xx or an INTERNAL_SERVER_ERROR', async () => {
    const operations = hostileOperations({
      entities: [
        {
          typename: 'Course',
          selection:
            'stats { conversions cancellations revenue { minorUnits amountMinor currency } }',
        },
      ],
      knownIds: courses,
      learnerIds: [randomUUID()],
    });
    await assertSubgraphAnswersHostileOperations(
      service.app,
      'analytics (GraphQL subgraph)',
      operations,
      300,
    );
  }, 600_000);
});
