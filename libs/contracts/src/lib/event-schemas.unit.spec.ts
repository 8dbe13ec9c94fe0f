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
});
