import { randomUUID } from 'node:crypto';
import { problemType } from '@shop/platform';
import { postGraphql } from '@shop/subgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

let checkout: CheckoutTestApp;
const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';

beforeAll(async () => {
  checkout = await startCheckoutTestApp();
}, 120_000);
afterAll(async () => {
  await checkout.stop();
});

const cursorOf = (position: Record<string, string>) =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

/** POST /v1/orders with a body sent as written (JSON text a serializer would never produce). */
async function postRaw(body: string, key = randomUUID()) {
  return checkout.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': key,
      authorization: await checkout.authorization(learnerId),
    },
    payload: body,
  });
}

describe('client input the database would refuse, over REST', () => {
  it.each([
    ['a lone surrogate', `{"cardToken":"\\ud800","courseIds":["${COURSES.messaging}"]}`],
    ['a number beyond a double (1e400)', `{"courseIds":["${COURSES.messaging}"],"x":1e400}`],
    ['a lone surrogate as a key', `{"\\udfff":1,"courseIds":["${COURSES.messaging}"]}`],
  ])(
    'answers %s in an order body with 400 invalid-request, and keeps no key',
    async (_case, body) => {
      const key = randomUUID();
      const res = await postRaw(body, key);

      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ type: problemType('invalid-request'), status: 400 });
      const { rows } = await checkout.db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [
        key,
      ]);
      expect(rows).toEqual([]);
    },
  );

  it.each([
    ['a NUL byte', cursorOf({ after: 'a\u0000b' })],
    ['a lone surrogate', cursorOf({ after: '\ud800' })],
  ])('answers a course cursor holding %s with 400 invalid-cursor', async (_case, cursor) => {
    const res = await checkout.app.inject({ method: 'GET', url: `/v1/courses?cursor=${cursor}` });

    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: problemType('invalid-cursor'), status: 400 });
  });
});

describe('client input Fastify refuses before any route', () => {
  it('answers a malformed percent-escape in the path with a 400 problem', async () => {
    const res = await checkout.app.inject({ method: 'GET', url: '/v1/courses/%80' });

    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: problemType('invalid-request'), status: 400 });
  });
});

describe('client input the database would refuse, in the subgraph', () => {
  it.each([
    ['dated year −271821', cursorOf({ at: '-271821-04-20T00:00:00.000Z', id: randomUUID() })],
    ['dated year 275760', cursorOf({ at: '+275760-09-13T00:00:00.000Z', id: randomUUID() })],
  ])('answers an order cursor %s with BAD_USER_INPUT', async (_case, after) => {
    const { errors } = await postGraphql(
      checkout.app,
      'query Mine($after: String) { myOrders(first: 2, after: $after) { nodes { id } } }',
      { variables: { after }, learnerId },
    );

    expect(errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers a course cursor holding a NUL byte with BAD_USER_INPUT', async () => {
    const { errors } = await postGraphql(
      checkout.app,
      'query Catalog($after: String) { courses(first: 2, after: $after) { nodes { id } } }',
      { variables: { after: cursorOf({ after: '\u0000' }) } },
    );

    expect(errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });
});
