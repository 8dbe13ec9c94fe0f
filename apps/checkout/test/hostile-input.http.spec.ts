import { randomUUID } from 'node:crypto';
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

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', 'tok_visa', 'tok_declined'),
  fc.constantFrom(COURSES.messaging, COURSES.grpc, randomUUID()),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, 0.5, -1, 0),
);
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
}));

// A cursor the API never issued: base64url of any JSON, or of a position with odd fields.
const hostileCursor = fc.oneof(
  hostileString,
  fc
    .oneof(hostileValue, fc.record({ after: fc.oneof(hostileString, hostileValue) }))
    .map((json) => Buffer.from(JSON.stringify(json)).toString('base64url')),
);

// Any bytes in a URL, percent-encoded (NULs, invalid UTF-8, lone surrogates' bytes).
const percentEncoded = (text: string | Uint8Array) =>
  [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const urlPart = fc.oneof(
  hostileString.map(percentEncoded),
  fc.uint8Array({ maxLength: 20 }).map(percentEncoded),
);

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
  fc.string({ unit: 'binary', maxLength: 60 }),
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
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
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
      }),
      { numRuns: RUNS },
    );
    console.info(`checkout (REST): ${RUNS} generated inputs — ${JSON.stringify(inputs)}`);
  }, 600_000);
});
