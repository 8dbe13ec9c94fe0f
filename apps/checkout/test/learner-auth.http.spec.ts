import { randomUUID } from 'node:crypto';
import { LearnerTokens } from '@shop/identity';
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

const LEARNER_A = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
const LEARNER_B = '5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
// The bff's development settings: the same tokens are good at both edges.
const devSettings = {
  secret: 'dev-only-secret-of-course-shop-bff-change-me',
  issuer: 'course-shop-bff',
  audience: 'course-shop',
  ttlSeconds: 900,
};
const tokenOf = async (learnerId: string, settings = devSettings) =>
  (await new LearnerTokens(settings).issue(learnerId)).token;

function placeOrder(authorization: string | undefined, payload: Record<string, unknown> = {}) {
  return checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: {
      'idempotency-key': randomUUID(),
      ...(authorization === undefined ? {} : { authorization }),
    },
    payload: { courseIds: [COURSES.messaging], ...payload },
  });
}

function readOrder(id: string, authorization: string | undefined) {
  return checkout.app.inject({
    method: 'GET',
    url: `/v1/orders/${id}`,
    headers: authorization === undefined ? {} : { authorization },
  });
}

describe('learners at the REST API', () => {
  it('places the order for the learner of the bearer token', async () => {
    const res = await placeOrder(`Bearer ${await tokenOf(LEARNER_A)}`);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ learnerId: LEARNER_A, status: 'ENROLLING' });
  });

  it('refuses a learnerId in the body: the learner comes from the token only', async () => {
    const res = await placeOrder(`Bearer ${await tokenOf(LEARNER_A)}`, { learnerId: LEARNER_B });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    ['no Authorization header', () => Promise.resolve(undefined)],
    ['a header that is not Bearer', () => Promise.resolve('Basic YTpi')],
    [
      'a token signed with another key',
      async () =>
        `Bearer ${await tokenOf(LEARNER_A, { ...devSettings, secret: 'another-secret-of-at-least-32-characters' })}`,
    ],
    [
      'a token for another audience',
      async () => `Bearer ${await tokenOf(LEARNER_A, { ...devSettings, audience: 'elsewhere' })}`,
    ],
    [
      'an expired token',
      async () => `Bearer ${await tokenOf(LEARNER_A, { ...devSettings, ttlSeconds: -60 })}`,
    ],
  ])(
    'answers 401 with WWW-Authenticate: Bearer to %s, placing nothing and reading nothing',
    async (_case, authorization) => {
      const header = await authorization();
      const placed = await placeOrder(header);
      const read = await readOrder(randomUUID(), header);
      for (const res of [placed, read]) {
        expect(res.statusCode).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ status: 401, title: 'Sign in first' });
      }
      expect(checkout.payments.authorizeCalls).not.toContainEqual(
        expect.objectContaining({
          learnerId: LEARNER_A,
          idempotencyKey: placed.headers['idempotency-key'],
        }),
      );
    },
  );

  it('answers 403 to a learner reading the order of another learner, and the order to its own learner', async () => {
    const placed = await placeOrder(`Bearer ${await tokenOf(LEARNER_A)}`);
    const { id } = placed.json<{ id: string }>();
    const stranger = await readOrder(id, `Bearer ${await tokenOf(LEARNER_B)}`);
    expect(stranger.statusCode).toBe(403);
    expect(stranger.headers['content-type']).toContain('application/problem+json');
    expect(stranger.body).not.toContain(LEARNER_A);
    const owner = await readOrder(id, `Bearer ${await tokenOf(LEARNER_A)}`);
    expect(owner.statusCode).toBe(200);
    expect(owner.json()).toMatchObject({ id, learnerId: LEARNER_A });
  });

  it("never replays one learner's order to another who sends the same Idempotency-Key and body", async () => {
    const key = randomUUID();
    const send = async (learnerId: string) =>
      checkout.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: { 'idempotency-key': key, authorization: `Bearer ${await tokenOf(learnerId)}` },
        payload: { courseIds: [COURSES.grpc] },
      });
    expect((await send(LEARNER_A)).statusCode).toBe(201);
    const stranger = await send(LEARNER_B);
    expect(stranger.statusCode).toBe(422);
    expect(stranger.body).not.toContain(LEARNER_A);
  });

  it('keeps the catalog public', async () => {
    const res = await checkout.app.inject({ method: 'GET', url: '/v1/courses' });
    expect(res.statusCode).toBe(200);
  });
});
