import { readShortString, readTable, type FieldTable, type Reader } from './field-table.codec.js';
import type { Writer } from './field-table.writer.js';

/** The basic-class content properties a publisher may set. */
export interface MessageProperties {
  contentType?: string;
  contentEncoding?: string;
  headers?: FieldTable;
  deliveryMode?: number;
  priority?: number;
  correlationId?: string;
  replyTo?: string;
  expiration?: string;
  messageId?: string;
  timestamp?: number;
  type?: string;
  userId?: string;
  appId?: string;
  clusterId?: string;
}

type Kind = 'shortstr' | 'table' | 'octet' | 'timestamp';

// Property flag bits from 0x8000 downwards, in wire order.
const layout: readonly (readonly [keyof MessageProperties, Kind])[] = [
  ['contentType', 'shortstr'],
  ['contentEncoding', 'shortstr'],
  ['headers', 'table'],
  ['deliveryMode', 'octet'],
  ['priority', 'octet'],
  ['correlationId', 'shortstr'],
  ['replyTo', 'shortstr'],
  ['expiration', 'shortstr'],
  ['messageId', 'shortstr'],
  ['timestamp', 'timestamp'],
  ['type', 'shortstr'],
  ['userId', 'shortstr'],
  ['appId', 'shortstr'],
  ['clusterId', 'shortstr'],
];

export interface ContentHeader {
  readonly bodySize: number;
  readonly properties: MessageProperties;
}

export function decodeContentHeader(payload: Buffer): ContentHeader {
  const bodySize = Number(payload.readBigUInt64BE(4));
  const flags = payload.readUInt16BE(12);
  const r: Reader = { buffer: payload, offset: 14 };
  const properties: Record<string, unknown> = {};
  layout.forEach(([name, kind], index) => {
    if ((flags & (0x8000 >> index)) === 0) return;
    properties[name] = readProperty(r, kind);
  });
  return { bodySize, properties };
}

function readProperty(r: Reader, kind: Kind): unknown {
  const at = r.offset;
  switch (kind) {
    case 'shortstr':
      return readShortString(r);
    case 'table':
      return readTable(r);
    case 'octet':
      r.offset += 1;
      return r.buffer.readUInt8(at);
    case 'timestamp':
      r.offset += 8;
      return Number(r.buffer.readBigUInt64BE(at));
  }
}

/** Writes a content header payload (class 60, weight 0). */
export function writeContentHeader(
  w: Writer,
  bodySize: number,
  properties: MessageProperties,
): void {
  w.u16(60);
  w.u16(0);
  w.u64(bodySize);
  const values = properties as Record<string, unknown>;
  let flags = 0;
  layout.forEach(([name], index) => {
    if (values[name] !== undefined) flags |= 0x8000 >> index;
  });
  w.u16(flags);
  for (const [name, kind] of layout) {
    const value = values[name];
    if (value === undefined) continue;
    if (kind === 'shortstr') w.shortString(value as string);
    else if (kind === 'table') w.table(value as FieldTable);
    else if (kind === 'octet') w.u8(value as number);
    else w.u64(value as number);
  }
}
