import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { grpcLoaderOptions, paymentV1ProtoFile } from '@shop/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaymentServer } from './support/payment-server.js';

type Server = Awaited<ReturnType<typeof startPaymentServer>>;

// Inputs per property: enough to reach the rare shapes, bounded for a busy 2-core machine.
const RUNS = 300;

// What a client may be told about its own input; UNKNOWN, INTERNAL or a deadline never.
const CLIENT_OUTCOMES = new Set([
  grpc.status.OK,
  grpc.status.INVALID_ARGUMENT,
  grpc.status.NOT_FOUND,
  grpc.status.FAILED_PRECONDITION,
  grpc.status.ABORTED,
]);

const METHODS = ['Authorize', 'Refund', 'GetPayment'] as const;
type Method = (typeof METHODS)[number];

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 201, maxLength: 260 }),
  fc.constantFrom('', ' ', '\u0000', 'key\u0000', '\ud800', 'x\udfffy'),
);
// Mostly a field that passes, so the request gets as far as the one hostile field in it.
const mostly = <T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: hostile, weight: 1 });
const key = mostly(fc.uuid(), hostileText);
const uuidish = mostly(fc.uuid(), hostileText);
// int64 on the wire: beyond the INTEGER column, beyond a double's integers, negative.
const hostileInt64 = fc.oneof(
  fc.integer(),
  fc.constantFrom(2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, -1, 0, 4900),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
);
// No tok_slow or tok_processor_down: their answers are about the processor, not the input.
const cardToken = mostly(fc.constantFrom('tok_visa', 'tok_declined', 'tok_nope'), hostileText);
const enumValue = fc.oneof(fc.constantFrom(0, 1, 2), fc.integer({ min: -5, max: 1000 }));

const messages: Record<Method, fc.Arbitrary<object>> = {
  Authorize: fc.record(
    {
      idempotencyKey: key,
      orderId: uuidish,
      learnerId: mostly(fc.constantFrom('learner-7', 'learner-8'), hostileText),
      amount: fc.record(
        {
          amountMinor: mostly(fc.integer({ min: 1, max: 10_000 }), hostileInt64),
          currencyCode: mostly(
            fc.constantFrom('EUR', 'USD'),
            fc.oneof(fc.constantFrom('ZZZ', 'eur'), hostileText),
          ),
        },
        { requiredKeys: [] },
      ),
      cardToken,
    },
    { requiredKeys: [] },
  ),
  Refund: fc.record(
    { idempotencyKey: key, paymentId: uuidish, reason: enumValue },
    { requiredKeys: [] },
  ),
  GetPayment: fc.oneof(
    fc.record({ paymentId: uuidish }),
    fc.record({ authorizeIdempotencyKey: key }),
    fc.constant({}),
  ),
};

const definition = protoLoader.loadSync(paymentV1ProtoFile, grpcLoaderOptions);
const service = definition['shop.payment.v1.PaymentService'] as protoLoader.ServiceDefinition;
const encode = (method: Method, message: object): Buffer =>
  service[method]!.requestSerialize(message);

// A request as bytes: a hostile but well-typed message, that message with a byte
// changed, or bytes at random (wrong wire types, truncated fields).
const call = fc.constantFrom(...METHODS).chain((method) =>
  fc.record({
    method: fc.constant(method),
    bytes: fc.oneof(
      messages[method].map((message) => encode(method, message)),
      fc
        .tuple(messages[method], fc.nat(), fc.integer({ min: 0, max: 255 }))
        .map(([message, at, byte]) => {
          const bytes = Buffer.from(encode(method, message));
          if (bytes.length > 0) bytes[at % bytes.length] = byte;
          return bytes;
        }),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    ),
  }),
);

describe('hostile input at payment over gRPC', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startPaymentServer({ CARD_PROCESSOR_LATENCY_MS: '0' });
  }, 120_000);
  afterAll(async () => server.stop());

  // The call's status: OK, or the error's code (a deadline is a status too).
  const statusOf = (method: Method, bytes: Buffer) =>
    server.client.callRaw(method, bytes).then(
      () => grpc.status.OK,
      (error: unknown) => (error as grpc.ServiceError).code,
    );

  it('answers any request with OK or a client status, never UNKNOWN, INTERNAL or a timeout', async () => {
    const inputs: Record<Method, number> = { Authorize: 0, Refund: 0, GetPayment: 0 };
    await fc.assert(
      fc.asyncProperty(call, async ({ method, bytes }) => {
        inputs[method] += 1;
        const code = await statusOf(method, bytes);
        expect(CLIENT_OUTCOMES, `${method} answered ${grpc.status[code]}`).toContain(code);
      }),
      { numRuns: RUNS },
    );
    console.info(`payment (gRPC): ${RUNS} generated inputs — ${JSON.stringify(inputs)}`);
  }, 600_000);
});
