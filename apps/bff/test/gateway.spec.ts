import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';
import { BIG_REVENUE } from './support/fake-subgraphs.js';

describe('bff gateway', () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    bff = await BffTestApp.start();
  });
  afterAll(async () => {
    await bff.close();
  });

  it('answers one query with fields from checkout, enrollment and analytics', async () => {
    const { status, body } = await bff.graphql({
      query:
        '{ course(id: "course-2") { title price { amountMinor } seats { available } stats { conversions } } }',
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        course: {
          title: 'Course 2',
          price: { amountMinor: 2_000 },
          seats: { available: 6 },
          stats: { conversions: 3 },
        },
      },
    });
  });

  it('passes money on exactly, however large: revenue of 2⁶³ − 1 minor units as its decimal string', async () => {
    const res = await bff.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        query:
          '{ course(id: "course-30") { price { minorUnits } stats { revenue { minorUnits currency } } } }',
      }),
    });
    expect(res.statusCode).toBe(200);
    // The text itself: a JSON number would have been rounded by any parser on the way.
    expect(res.body).toContain(`"minorUnits":"${BIG_REVENUE}"`);
    expect(res.json()).toEqual({
      data: {
        course: {
          price: { minorUnits: '30000' },
          stats: { revenue: { minorUnits: BIG_REVENUE, currency: 'EUR' } },
        },
      },
    });
  });
});
