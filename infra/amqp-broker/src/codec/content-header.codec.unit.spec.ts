import { describe, expect, it } from 'vitest';
import {
  decodeContentHeader,
  writeContentHeader,
  type MessageProperties,
} from './content-header.codec.js';
import { Writer } from './field-table.writer.js';

function encode(bodySize: number, properties: MessageProperties): Buffer {
  const w = new Writer();
  writeContentHeader(w, bodySize, properties);
  return Buffer.from(w.result());
}

describe('content header codec', () => {
  it('reads back every basic property it writes, with the body size', () => {
    const properties: Required<MessageProperties> = {
      contentType: 'application/json',
      contentEncoding: 'gzip',
      headers: new Map([['x-attempt', { tag: 'I', value: 3 }]]),
      deliveryMode: 2,
      priority: 9,
      correlationId: 'c-1',
      replyTo: 'amq.rabbitmq.reply-to',
      expiration: '60000',
      messageId: 'm-1',
      timestamp: 1_700_000_000,
      type: 'order.placed',
      userId: 'guest',
      appId: 'checkout',
      clusterId: 'c',
    };
    expect(decodeContentHeader(encode(2 ** 40, properties))).toEqual({
      bodySize: 2 ** 40,
      properties,
    });
  });

  it('sets one flag bit per present property, from 0x8000 down, and writes only those', () => {
    const bytes = encode(5, { contentType: 'a', deliveryMode: 1 });
    expect(bytes.readUInt16BE(0)).toBe(60);
    expect(bytes.readUInt16BE(12)).toBe(0x8000 | 0x1000);
    expect(bytes.subarray(14)).toEqual(Buffer.from([1, 0x61, 1]));
  });

  it('reads a header without properties as an empty property set', () => {
    expect(decodeContentHeader(encode(0, {}))).toEqual({ bodySize: 0, properties: {} });
  });
});
