import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffTestApp } from './support/bff-test.app.js';

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
});
