import { describe, expect, it } from 'vitest';
import { messageExamples } from '../testing/message-examples.js';
import { validateData } from './event-schemas.js';
import { allMessageKinds, type DataOf, type MessageKind } from './message-kinds.js';

function reasonOf(kind: MessageKind, data: unknown): string {
  const result = validateData(kind, data);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reason;
}

const completed = messageExamples['order.completed.v1'];
const grantSeat = messageExamples['enrollment.grant-seat.v1'];
const rejected = messageExamples['enrollment.seat-rejected.v1'];

describe('event schemas', () => {
  it.each(allMessageKinds)('accept the example of %s', (kind) => {
    expect(validateData(kind, messageExamples[kind])).toEqual({
      ok: true,
      data: messageExamples[kind],
    });
  });

  it.each([
    ['a missing field', { ...completed, orderId: undefined }, '/orderId is required'],
    ['a wrong type', { ...completed, totalMinor: '4900' }, '/totalMinor must be integer'],
    [
      'a fractional price deep in a line',
      { ...completed, lines: [{ ...completed.lines[0], priceMinor: 49.5 }] },
      '/lines/0/priceMinor must be integer',
    ],
    ['a negative total', { ...completed, totalMinor: -1 }, '/totalMinor must be >= 0'],
    [
      'a lower-case currency',
      { ...completed, currency: 'eur' },
      '/currency must match pattern "^[A-Z]{3}$"',
    ],
    [
      'an order without lines',
      { ...completed, lines: [] },
      '/lines must NOT have fewer than 1 items',
    ],
    [
      'a date without time',
      { ...completed, completedAt: '2026-03-01' },
      '/completedAt must match format "date-time"',
    ],
    [
      'an id that is no UUID',
      { ...completed, orderId: 'order-1' },
      '/orderId must match format "uuid"',
    ],
    ['data that is no object', null, '(data) must be object'],
  ])('reject %s in order.completed.v1, naming the field', (_case, data, reason) => {
    expect(reasonOf('order.completed.v1', data)).toContain(reason);
  });

  it('rejects an unknown rejection reason, listing the allowed ones', () => {
    expect(reasonOf('enrollment.seat-rejected.v1', { ...rejected, reason: 'SOLD_OUT' })).toBe(
      '/reason must be one of COURSE_FULL, UNKNOWN_COURSE',
    );
  });

  it('accepts in order.cancelled.v2 every reason a refunded cancellation has, and v1 only the seat rejections', () => {
    const v2 = messageExamples['order.cancelled.v2'];
    for (const reason of [
      'COURSE_FULL',
      'UNKNOWN_COURSE',
      'ENROLLMENT_TIMEOUT',
      'PAYMENT_OUTCOME_TIMEOUT',
    ] as const) {
      expect(validateData('order.cancelled.v2', { ...v2, reason }).ok).toBe(true);
    }
    expect(reasonOf('order.cancelled.v2', { ...v2, reason: 'CHANGED_MIND' })).toBe(
      '/reason must be one of COURSE_FULL, UNKNOWN_COURSE, ENROLLMENT_TIMEOUT, PAYMENT_OUTCOME_TIMEOUT',
    );
    expect(reasonOf('order.cancelled.v1', { ...v2, reason: 'ENROLLMENT_TIMEOUT' })).toBe(
      '/reason must be one of COURSE_FULL, UNKNOWN_COURSE',
    );
  });

  it('requires the refund in order.cancelled.v2, where v1 left it optional', () => {
    const { refundId: _refund, ...withoutRefund } = messageExamples['order.cancelled.v2'];
    expect(reasonOf('order.cancelled.v2', withoutRefund)).toBe('/refundId is required');
    expect(validateData('order.cancelled.v1', { ...withoutRefund, reason: 'COURSE_FULL' }).ok).toBe(
      true,
    );
    expect(
      reasonOf('order.cancelled.v2', { ...messageExamples['order.cancelled.v2'], refundId: 'r-1' }),
    ).toBe('/refundId must match format "uuid"');
  });

  it('reports every failing field at once', () => {
    const reason = reasonOf('enrollment.grant-seat.v1', {
      ...grantSeat,
      commandId: '',
      courseIds: [7],
    });
    expect(reason).toContain('/commandId must NOT have fewer than 1 characters');
    expect(reason).toContain('/courseIds/0 must be string');
  });

  it('accepts an added optional field, so an old consumer survives a newer producer', () => {
    expect(validateData('order.completed.v1', { ...completed, couponCode: 'SPRING' }).ok).toBe(
      true,
    );
  });
});

describe('generated types and schemas agree', () => {
  // Each value below is refused by the TypeScript type (the directive fails the
  // typecheck if it is not) and by the JSON Schema (the assertion).
  it('refuses in the type what the schema refuses at run time', () => {
    const missing: DataOf<'enrollment.seat-granted.v1'> = {
      ...messageExamples['enrollment.seat-granted.v1'],
      // @ts-expect-error: the enrollments are required
      enrollments: undefined,
    };
    const unknownReason: DataOf<'order.cancelled.v1'> = {
      ...messageExamples['order.cancelled.v1'],
      // @ts-expect-error: not one of the reasons
      reason: 'CHANGED_MIND',
    };
    const priceAsText: DataOf<'order.completed.v1'> = {
      ...completed,
      // @ts-expect-error: money is an integer of minor units, not a string
      totalMinor: '49.00',
    };
    const lineAsId: DataOf<'order.cancelled.v1'> = {
      ...messageExamples['order.cancelled.v1'],
      // @ts-expect-error: lines are objects with a course id
      lines: grantSeat.courseIds,
    };

    expect(validateData('enrollment.seat-granted.v1', missing).ok).toBe(false);
    expect(validateData('order.cancelled.v1', unknownReason).ok).toBe(false);
    expect(validateData('order.completed.v1', priceAsText).ok).toBe(false);
    expect(validateData('order.cancelled.v1', lineAsId).ok).toBe(false);
  });

  it('refuses in the type of order.cancelled.v2 a missing refund and a reason outside its four', () => {
    const noRefund: DataOf<'order.cancelled.v2'> = {
      ...messageExamples['order.cancelled.v2'],
      // @ts-expect-error: every v2 cancellation was refunded
      refundId: undefined,
    };
    const unknownReason: DataOf<'order.cancelled.v2'> = {
      ...messageExamples['order.cancelled.v2'],
      // @ts-expect-error: not one of the reasons
      reason: 'CHANGED_MIND',
    };
    expect(validateData('order.cancelled.v2', noRefund).ok).toBe(false);
    expect(validateData('order.cancelled.v2', unknownReason).ok).toBe(false);
  });
});
