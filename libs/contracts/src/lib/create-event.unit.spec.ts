import { describe, expect, it } from 'vitest';
import { messageExamples } from '../testing/message-examples.js';
import { createEvent, EventContractError } from './create-event.js';
import { allMessageKinds, type DataOf } from './message-kinds.js';
import { parseEvent } from './parse-event.js';

const orderId = messageExamples['order.completed.v1'].orderId;
const options = { subject: orderId, correlationId: 'corr-42' };

describe('createEvent', () => {
  it('builds a CloudEvents 1.0 envelope with the shop attributes', () => {
    const time = new Date('2026-03-01T10:15:31.250Z');
    const event = createEvent('order.completed.v1', messageExamples['order.completed.v1'], {
      ...options,
      id: '11111111-2222-4333-8444-555555555555',
      time,
    });
    expect(JSON.parse(JSON.stringify(event))).toEqual({
      specversion: '1.0',
      id: '11111111-2222-4333-8444-555555555555',
      source: '/shop/checkout',
      type: 'com.shop.order.completed.v1',
      subject: orderId,
      time: '2026-03-01T10:15:31.250Z',
      datacontenttype: 'application/json',
      correlationid: 'corr-42',
      data: messageExamples['order.completed.v1'],
    });
  });

  it('gives each event a fresh UUID unless told otherwise', () => {
    const data = messageExamples['enrollment.seat-granted.v1'];
    const first = createEvent('enrollment.seat-granted.v1', data, options);
    const second = createEvent('enrollment.seat-granted.v1', data, options);
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.id).not.toBe(second.id);
    expect(first.source).toBe('/shop/enrollment');
  });

  it('identifies a command by its command id, so redeliveries dedupe', () => {
    const data = messageExamples['enrollment.grant-seat.v1'];
    expect(createEvent('enrollment.grant-seat.v1', data, options).id).toBe(data.commandId);
    expect(() =>
      createEvent('enrollment.grant-seat.v1', data, { ...options, id: 'other' }),
    ).toThrow(/identified by its commandId/);
  });

  it('refuses data its schema rejects, naming the field', () => {
    const data = { ...messageExamples['order.cancelled.v1'], refundId: 'refund-1' };
    expect(() => createEvent('order.cancelled.v1', data, options)).toThrow(EventContractError);
    expect(() => createEvent('order.cancelled.v1', data, options)).toThrow(
      'order.cancelled.v1: invalid data: /refundId must match format "uuid"',
    );
  });

  it('refuses an envelope the CloudEvents spec rejects', () => {
    const data = messageExamples['order.completed.v1'];
    expect(() =>
      createEvent('order.completed.v1', data, { ...options, time: new Date(Number.NaN) }),
    ).toThrow(/invalid envelope: Invalid time value/);
    expect(() => createEvent('order.completed.v1', data, { ...options, subject: '' })).toThrow(
      /invalid envelope/,
    );
  });
});

describe('createEvent → parseEvent round trip', () => {
  it.each(allMessageKinds)('returns the same %s from a Buffer, a string and an object', (kind) => {
    const event = createEvent(kind, messageExamples[kind], options);
    const body = JSON.stringify(event);
    for (const raw of [Buffer.from(body), body, JSON.parse(body) as object]) {
      const parsed = parseEvent(kind, raw);
      expect(parsed).toMatchObject({ ok: true });
      if (!parsed.ok) continue;
      expect(parsed.event.data).toEqual(messageExamples[kind]);
      expect(parsed.event).toMatchObject({
        id: event.id,
        subject: orderId,
        correlationid: 'corr-42',
      });
    }
  });

  it('types the parsed data by kind', () => {
    const body = JSON.stringify(
      createEvent('order.completed.v1', messageExamples['order.completed.v1'], options),
    );
    const parsed = parseEvent('order.completed.v1', body);
    if (!parsed.ok) throw new Error(parsed.reason);
    const data: DataOf<'order.completed.v1'> = parsed.event.data;
    expect(data.lines.map((line) => line.priceMinor)).toEqual([4900]);
  });
});
