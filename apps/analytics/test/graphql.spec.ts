import { randomUUID } from 'node:crypto';
import { recordSqlStatements } from '@shop/database/testing';
import { postGraphql } from '@shop/subgraph/testing';
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
  ... on Course { id stats { conversions cancellations revenue { amountMinor currency } } }
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
          revenue: { amountMinor: 9800, currency: 'EUR' },
        },
      },
      { id: unsold, stats: null }, // nothing counted yet
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
