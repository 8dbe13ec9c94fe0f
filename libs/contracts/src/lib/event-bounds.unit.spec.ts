import { describe, expect, it } from 'vitest';
import { messageExamples } from '../testing/message-examples.js';
import { createEvent } from './create-event.js';
import type { DataOf, MessageKind } from './message-kinds.js';
import { parseEvent } from './parse-event.js';
import { PG_INTEGER_MAX } from './storable-values.js';

// Each bound of the contracts, from both sides: the last value a producer's
// database or API accepts passes parseEvent, the first one past it is refused.

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const lines = (n: number, priceMinor = 100) =>
  Array.from({ length: n }, (_, i) => ({ courseId: uuid(i + 1), priceMinor, currency: 'EUR' }));
const completed = (n: number, priceMinor = 100) => ({
  ...messageExamples['order.completed.v1'],
  lines: lines(n, priceMinor),
  totalMinor: n * priceMinor,
});

function body(kind: MessageKind, data: unknown, id?: string): object {
  const example = createEvent(kind, messageExamples[kind], { subject: 's', correlationId: 'c' });
  const event = JSON.parse(JSON.stringify(example)) as Record<string, unknown>;
  // A command's id is its commandId.
  const commandId = (data as { commandId?: unknown }).commandId;
  const envelopeId = id ?? (typeof commandId === 'string' ? commandId : undefined);
  return { ...event, data, ...(envelopeId === undefined ? {} : { id: envelopeId }) };
}

interface Bound {
  readonly name: string;
  readonly kind: MessageKind;
  readonly within: unknown;
  readonly beyond: unknown;
  readonly reason: RegExp;
  /** Where the refusal comes from; the data's schema unless said otherwise. */
  readonly code?: 'INVALID_DATA' | 'INVALID_ENVELOPE';
}

const bounds: Bound[] = [
  {
    name: 'a line price up to 2³¹ − 1 (checkout and payment store an INTEGER)',
    kind: 'order.completed.v1',
    within: completed(1, PG_INTEGER_MAX),
    beyond: completed(1, PG_INTEGER_MAX + 1),
    reason: /\/lines\/0\/priceMinor must be <= 2147483647/,
  },
  {
    name: 'a total up to 2³¹ − 1',
    kind: 'order.completed.v1',
    within: { ...completed(1, PG_INTEGER_MAX), totalMinor: PG_INTEGER_MAX },
    beyond: { ...completed(2, PG_INTEGER_MAX), totalMinor: 2 * PG_INTEGER_MAX },
    reason: /\/totalMinor must be <= 2147483647/,
  },
  {
    name: 'up to 20 lines (MAX_COURSES_PER_ORDER)',
    kind: 'order.completed.v1',
    within: completed(20),
    beyond: completed(21),
    reason: /\/lines must NOT have more than 20 items/,
  },
  {
    name: 'a total that is the sum of its lines',
    kind: 'order.completed.v1',
    within: completed(3),
    beyond: { ...completed(3), totalMinor: 301 },
    reason: /\/totalMinor 301 is not the sum of the lines' prices \(300\)/,
  },
  {
    name: 'a currency ISO 4217 knows',
    kind: 'order.completed.v1',
    within: { ...completed(1), currency: 'EUR' },
    beyond: { ...completed(1), lines: [{ ...lines(1)[0], currency: 'ZZZ' }], currency: 'ZZZ' },
    reason: /\/currency ZZZ is not an ISO 4217 currency code/,
  },
  {
    name: 'each course once in an order',
    kind: 'order.cancelled.v1',
    within: { ...messageExamples['order.cancelled.v1'], lines: lines(2) },
    beyond: { ...messageExamples['order.cancelled.v1'], lines: [...lines(1), ...lines(1)] },
    reason: /\/lines\/1\/courseId .* appears twice/,
  },
  {
    name: 'up to 20 cancelled lines',
    kind: 'order.cancelled.v1',
    within: { ...messageExamples['order.cancelled.v1'], lines: lines(20) },
    beyond: { ...messageExamples['order.cancelled.v1'], lines: lines(21) },
    reason: /\/lines must NOT have more than 20 items/,
  },
  {
    name: 'each course once in an order (v2)',
    kind: 'order.cancelled.v2',
    within: { ...messageExamples['order.cancelled.v2'], lines: lines(2) },
    beyond: { ...messageExamples['order.cancelled.v2'], lines: [...lines(1), ...lines(1)] },
    reason: /\/lines\/1\/courseId .* appears twice/,
  },
  {
    name: 'up to 20 cancelled lines (v2)',
    kind: 'order.cancelled.v2',
    within: { ...messageExamples['order.cancelled.v2'], lines: lines(20) },
    beyond: { ...messageExamples['order.cancelled.v2'], lines: lines(21) },
    reason: /\/lines must NOT have more than 20 items/,
  },
  {
    name: 'one currency in a cancelled order (v2)',
    kind: 'order.cancelled.v2',
    within: { ...messageExamples['order.cancelled.v2'], lines: lines(2) },
    beyond: {
      ...messageExamples['order.cancelled.v2'],
      lines: [lines(2)[0]!, { ...lines(2)[1]!, currency: 'USD' }],
    },
    reason: /\/lines\/1\/currency USD differs from \/lines\/0\/currency/,
  },
  {
    name: 'up to 20 courses in a grant-seat command',
    kind: 'enrollment.grant-seat.v1',
    within: {
      ...messageExamples['enrollment.grant-seat.v1'],
      courseIds: lines(20).map((l) => l.courseId),
    },
    beyond: {
      ...messageExamples['enrollment.grant-seat.v1'],
      courseIds: lines(21).map((l) => l.courseId),
    },
    reason: /\/courseIds must NOT have more than 20 items/,
  },
  {
    // The command id is also the envelope's id, whose bound is checked first.
    name: 'a command id of up to 255 characters',
    kind: 'enrollment.grant-seat.v1',
    within: { ...messageExamples['enrollment.grant-seat.v1'], commandId: 'c'.repeat(255) },
    beyond: { ...messageExamples['enrollment.grant-seat.v1'], commandId: 'c'.repeat(256) },
    reason: /^attribute\(s\) longer than 255: id$/,
    code: 'INVALID_ENVELOPE',
  },
  {
    name: 'up to 20 enrollments, each course once',
    kind: 'enrollment.seat-granted.v1',
    within: {
      ...messageExamples['enrollment.seat-granted.v1'],
      enrollments: lines(20).map((l, i) => ({ courseId: l.courseId, enrollmentId: uuid(100 + i) })),
    },
    beyond: {
      ...messageExamples['enrollment.seat-granted.v1'],
      enrollments: lines(21).map((l, i) => ({ courseId: l.courseId, enrollmentId: uuid(100 + i) })),
    },
    reason: /\/enrollments must NOT have more than 20 items/,
  },
  {
    name: 'a rejection detail of up to 500 characters, without NUL',
    kind: 'enrollment.seat-rejected.v1',
    within: { ...messageExamples['enrollment.seat-rejected.v1'], detail: 'x'.repeat(500) },
    beyond: { ...messageExamples['enrollment.seat-rejected.v1'], detail: 'x'.repeat(501) },
    reason: /\/detail must NOT have more than 500 characters/,
  },
  {
    name: 'text without a lone surrogate, in any field',
    kind: 'enrollment.seat-rejected.v1',
    within: { ...messageExamples['enrollment.seat-rejected.v1'], detail: 'full \u{1F600}' },
    beyond: { ...messageExamples['enrollment.seat-rejected.v1'], detail: 'full \uD800' },
    reason: /\/detail must not contain NUL or a lone surrogate/,
  },
];

describe('the contracts bound every value a consumer stores or sums', () => {
  it.each(bounds)('$kind: $name', ({ kind, within, beyond, reason, code = 'INVALID_DATA' }) => {
    expect(parseEvent(kind, body(kind, within))).toMatchObject({ ok: true });
    const refused = parseEvent(kind, body(kind, beyond));
    expect(refused).toMatchObject({ ok: false, code });
    if (!refused.ok) expect(refused.reason).toMatch(reason);
  });

  it('createEvent refuses what parseEvent refuses, so a producer cannot emit it', () => {
    const data: DataOf<'order.completed.v1'> = { ...completed(3), totalMinor: 1 };
    expect(() =>
      createEvent('order.completed.v1', data, { subject: 's', correlationId: 'c' }),
    ).toThrow(/is not the sum/);
  });

  it('createEvent refuses an envelope parseEvent would refuse', () => {
    const data = messageExamples['order.completed.v1'];
    const options = { subject: data.orderId, correlationId: 'c'.repeat(256) };
    expect(() => createEvent('order.completed.v1', data, options)).toThrow(
      'order.completed.v1: invalid envelope: attribute(s) longer than 255: correlationid',
    );
  });

  it('envelope attributes up to 255 characters, without NUL', () => {
    const kind = 'order.completed.v1';
    const data = messageExamples[kind];
    expect(parseEvent(kind, body(kind, data, 'i'.repeat(255)))).toMatchObject({ ok: true });
    expect(parseEvent(kind, body(kind, data, 'i'.repeat(256)))).toEqual({
      ok: false,
      code: 'INVALID_ENVELOPE',
      reason: 'attribute(s) longer than 255: id',
    });
    expect(parseEvent(kind, body(kind, data, 'a\u0000b'))).toEqual({
      ok: false,
      code: 'INVALID_ENVELOPE',
      reason: '/id must not contain NUL or a lone surrogate',
    });
  });

  it('a NUL in an unknown field of data, or in a field name', () => {
    const kind = 'order.completed.v1';
    const extra = { ...messageExamples[kind], note: 'a\u0000' };
    expect(parseEvent(kind, body(kind, extra))).toMatchObject({
      ok: false,
      reason: 'invalid data: /note must not contain NUL or a lone surrogate',
    });
    const named = { ...messageExamples[kind], ['n\u0000']: 1 };
    expect(parseEvent(kind, body(kind, named))).toMatchObject({ ok: false, code: 'INVALID_DATA' });
  });
});
