import { describe, expect, it } from 'vitest';
import { messageExamples } from '../testing/message-examples.js';
import { createEvent } from './create-event.js';
import { parseEvent, type RejectionCode } from './parse-event.js';

const completed = messageExamples['order.completed.v1'];
const valid = JSON.parse(
  JSON.stringify(
    createEvent('order.completed.v1', completed, {
      subject: completed.orderId,
      correlationId: 'c-1',
    }),
  ),
) as Record<string, unknown>;

function rejection(raw: Buffer | string | object): { code: RejectionCode; reason: string } {
  const result = parseEvent('order.completed.v1', raw);
  if (result.ok) throw new Error('expected the message to be refused');
  return { code: result.code, reason: result.reason };
}

describe('parseEvent refuses, with a reason a DLQ reader understands', () => {
  it('malformed JSON', () => {
    expect(rejection('{"specversion": "1.0",')).toEqual({
      code: 'MALFORMED_JSON',
      reason: expect.stringMatching(/^malformed JSON: /) as unknown,
    });
  });

  it.each([
    ['an array', [valid]],
    ['a number', '42'],
    ['null', 'null'],
    ['a class instance', new Date()],
  ])('a body that is %s', (_case, raw) => {
    expect(rejection(raw)).toEqual({
      code: 'NOT_A_CLOUDEVENT',
      reason: 'not a CloudEvent: not a JSON object',
    });
  });

  it('another CloudEvents version, or none', () => {
    expect(rejection({ ...valid, specversion: '0.3' }).code).toBe('NOT_A_CLOUDEVENT');
    expect(rejection({ ...valid, specversion: undefined }).reason).toBe(
      'not a CloudEvent: specversion must be "1.0"',
    );
  });

  it('missing shop attributes, listing them', () => {
    expect(rejection({ ...valid, correlationid: undefined, subject: '' })).toEqual({
      code: 'INVALID_ENVELOPE',
      reason: 'missing or empty attribute(s): subject, correlationid',
    });
  });

  it('another kind of event', () => {
    expect(rejection({ ...valid, type: 'com.shop.order.cancelled.v1' })).toEqual({
      code: 'WRONG_TYPE',
      reason: 'expected type com.shop.order.completed.v1, got com.shop.order.cancelled.v1',
    });
  });

  it('the same event under its future version', () => {
    expect(rejection({ ...valid, type: 'com.shop.order.completed.v2' }).code).toBe('WRONG_TYPE');
  });

  it('data failing the schema, naming the field', () => {
    const data = { ...completed, lines: [{ ...completed.lines[0], currency: 'euro' }] };
    expect(rejection({ ...valid, data })).toEqual({
      code: 'INVALID_DATA',
      reason: 'invalid data: /lines/0/currency must match pattern "^[A-Z]{3}$"',
    });
  });

  it('data that is not JSON', () => {
    expect(rejection({ ...valid, datacontenttype: 'application/xml' }).code).toBe(
      'INVALID_ENVELOPE',
    );
  });

  it('a command whose id is not its command id', () => {
    const command = messageExamples['enrollment.grant-seat.v1'];
    const event = createEvent('enrollment.grant-seat.v1', command, {
      subject: command.orderId,
      correlationId: 'c',
    });
    const result = parseEvent('enrollment.grant-seat.v1', {
      ...(JSON.parse(JSON.stringify(event)) as object),
      id: 'x',
    });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ENVELOPE' });
  });

  it('attributes the CloudEvents spec forbids', () => {
    expect(rejection({ ...valid, 'Bad-Name': 1 }).code).toBe('NOT_A_CLOUDEVENT');
    expect(rejection({ ...valid, time: 'yesterday' })).toEqual({
      code: 'NOT_A_CLOUDEVENT',
      reason: expect.stringContaining('time') as unknown,
    });
  });
});

describe('parseEvent never throws', () => {
  const throwingGetter = Object.defineProperty({ ...valid }, 'data', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const hostileProxy = new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error('trap');
      },
    },
  );
  const deepNesting = '['.repeat(200_000) + ']'.repeat(200_000);
  const garbage: [string, Buffer | string | object][] = [
    ['an empty body', ''],
    ['random bytes', Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x7b, 0x22])],
    ['a NUL byte', '\u0000'],
    ['JSON nested 200,000 deep', deepNesting],
    ['a __proto__ attribute', `{"specversion":"1.0","__proto__":{"polluted":true}}`],
    ['a getter that throws', throwingGetter],
    ['a proxy whose traps throw', hostileProxy],
    ['attributes of the wrong JSON types', { specversion: 1, id: {}, type: [], source: null }],
    ['a number too large for JSON', `{"specversion":"1.0","data":{"totalMinor":1e400}}`],
  ];

  it.each(garbage)('on %s', (_case, raw) => {
    const result = parseEvent('order.completed.v1', raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
  });

  it('and does not let a message touch Object.prototype', () => {
    parseEvent(
      'order.completed.v1',
      `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`,
    );
    parseEvent('order.completed.v1', { ...valid, ['__proto__']: { polluted: true } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
