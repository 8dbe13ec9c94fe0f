import { readLongBytes, readShortString, readTable, type Reader } from './field-table.codec.js';
import { Writer } from './field-table.writer.js';
import {
  methodKey,
  methodNameById,
  methods,
  type ArgType,
  type Method,
  type MethodArgs,
  type MethodName,
} from './method-definitions.js';

export class UnknownMethodError extends Error {
  constructor(
    readonly classId: number,
    readonly methodId: number,
  ) {
    super(`unknown method ${classId}.${methodId}`);
  }
}

/** Decodes the payload of a method frame. */
export function decodeMethod(payload: Buffer): Method {
  const classId = payload.readUInt16BE(0);
  const methodId = payload.readUInt16BE(2);
  const name = methodNameById.get(methodKey(classId, methodId));
  if (name === undefined) throw new UnknownMethodError(classId, methodId);
  const r: Reader = { buffer: payload, offset: 4 };
  const args: Record<string, unknown> = {};
  let bit = 0;
  for (const [argName, type] of methods[name].args) {
    if (type === 'bit') {
      if (bit === 0) r.offset++;
      args[argName] = (payload.readUInt8(r.offset - 1) & (1 << bit)) !== 0;
      bit = (bit + 1) % 8;
      continue;
    }
    bit = 0;
    args[argName] = readArg(r, type);
  }
  return { name, args } as Method;
}

function readArg(r: Reader, type: Exclude<ArgType, 'bit'>): unknown {
  const at = r.offset;
  switch (type) {
    case 'octet':
      r.offset += 1;
      return r.buffer.readUInt8(at);
    case 'short':
      r.offset += 2;
      return r.buffer.readUInt16BE(at);
    case 'long':
      r.offset += 4;
      return r.buffer.readUInt32BE(at);
    case 'longlong':
      r.offset += 8;
      return Number(r.buffer.readBigUInt64BE(at));
    case 'shortstr':
      return readShortString(r);
    case 'longstr':
      return readLongBytes(r);
    case 'table':
      return readTable(r);
  }
}

/** Encodes a method frame payload into `w`. */
export function writeMethod<N extends MethodName>(w: Writer, name: N, args: MethodArgs<N>): void {
  const definition = methods[name];
  w.u16(definition.classId);
  w.u16(definition.methodId);
  const values = args as Record<string, unknown>;
  let bits = 0;
  let bit = 0;
  for (const [argName, type] of definition.args) {
    const value = values[argName];
    if (type === 'bit') {
      if (value === true) bits |= 1 << bit;
      bit++;
      continue;
    }
    if (bit > 0) flushBits();
    writeArg(w, type, value);
  }
  if (bit > 0) flushBits();

  function flushBits(): void {
    w.u8(bits);
    bits = 0;
    bit = 0;
  }
}

function writeArg(w: Writer, type: Exclude<ArgType, 'bit'>, value: unknown): void {
  switch (type) {
    case 'octet': {
      w.u8(value as number);
      return;
    }
    case 'short': {
      w.u16(value as number);
      return;
    }
    case 'long': {
      w.u32(value as number);
      return;
    }
    case 'longlong': {
      w.u64(value as number);
      return;
    }
    case 'shortstr': {
      w.shortString(value as string);
      return;
    }
    case 'longstr': {
      w.longString(value as Buffer | string);
      return;
    }
    case 'table': {
      w.table(value as ReadonlyMap<string, never>);
      return;
    }
  }
}
