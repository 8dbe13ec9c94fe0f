import { randomUUID } from 'node:crypto';
import { assertOverInputs, hostileInput } from '@shop/contracts/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COURSES,
  startCheckoutTestApp,
  type CheckoutTestApp,
} from './support/checkout-test.app.js';

// Inputs per property: enough to reach the rare shapes, bounded for a busy 2-core machine.
const RUNS = 300;

let checkout: CheckoutTestApp;

beforeAll(async () => {
  checkout = await startCheckoutTestApp();
}, 120_000);
afterAll(async () => {
  await checkout.stop();
});

const hostile = hostileInput({
  knownStrings: ['tok_visa', 'tok_declined', COURSES.messaging, COURSES.grpc, randomUUID()],
});
const { string: hostileString, number: hostileNumber, value: hostileValue, urlPart } = hostile;
const hostileCursor = hostile.cursor;

// JSON texts that JSON.stringify never writes: numbers beyond a double, lone surrogates as escapes.
const orderBody = fc.oneof(
  fc
    .record(
      {
        learnerId: fc.oneof(fc.constant('0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20'), hostileValue),
        courseIds: fc.oneof(fc.array(hostileString, { maxLength: 3 }), hostileValue),
        cardToken: hostileValue,
        extra: hostileValue,
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
  hostileValue.map((body) => JSON.stringify(body)),
  fc.constantFrom(
    `{"learnerId":"\\ud800","courseIds":["${COURSES.messaging}"]}`,
    `{"learnerId":"0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20","courseIds":["${COURSES.messaging}"],"n":1e400}`,
    `{"\\udfff":-1e999}`,
    '[1e400]',
    '"\\u0000"',
  ),
  hostile.rawJson,
);

const request = fc.oneof(
  fc.record({
    method: fc.constant('POST' as const),
    url: fc.constant('/v1/orders'),
    payload: orderBody,
    key: fc.oneof(fc.uuid(), fc.stringMatching(/^[\x20-\x7e]{0,300}$/)),
  }),
  fc.record({
    method: fc.constant('GET' as const),
    url: fc
      // Mostly a limit that passes, so the cursor is read at all.
      .tuple(
        fc.oneof(
          { arbitrary: fc.integer({ min: 1, max: 100 }).map(String), weight: 3 },
          { arbitrary: fc.oneof(urlPart, hostileNumber.map(String)), weight: 1 },
        ),
        fc.oneof({ arbitrary: hostileCursor, weight: 3 }, { arbitrary: urlPart, weight: 1 }),
      )
      .map(([limit, cursor]) => `/v1/courses?limit=${limit}&cursor=${cursor}`),
  }),
  fc.record({
    method: fc.constant('GET' as const),
    url: fc
      .tuple(fc.constantFrom('courses', 'orders'), urlPart)
      .map(([kind, id]) => `/v1/${kind}/${id}`),
  }),
);

describe('hostile input at checkout over REST', () => {
  it('answers any request with a success or a 4xx problem+json, never a 5xx', async () => {
    const inputs = { 'POST /v1/orders': 0, 'GET /v1/…': 0 };
    const authorization = await checkout.authorization('0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20');
    await assertOverInputs(
      'checkout (REST)',
      request,
      async (req) => {
        inputs[req.method === 'POST' ? 'POST /v1/orders' : 'GET /v1/…'] += 1;
        // Signed in, so that the input reaches validation and beyond.
        const res = await checkout.app.inject({
          method: req.method,
          url: req.url,
          headers: { authorization },
          ...(req.method === 'POST'
            ? {
                headers: {
                  authorization,
                  'content-type': 'application/json',
                  'idempotency-key': req.key,
                },
                payload: req.payload,
              }
            : {}),
        });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.json<{ type?: unknown }>().type).toEqual(expect.any(String));
        }
      },
      RUNS,
    );
    console.info(`checkout (REST): inputs per route ${JSON.stringify(inputs)}`);
  }, 600_000);
});
