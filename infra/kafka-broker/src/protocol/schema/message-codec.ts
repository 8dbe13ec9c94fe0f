import { MalformedRequestError, Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { planMessage, type PlannedField, type StructPlan } from './message-plan.js';
import type { MessageSchema } from './message-schema.js';

export type MessageValue = Record<string, unknown>;

/**
 * Reads and writes one message type in every version its definition allows, the
 * way Kafka's generated classes do. Records and bytes are decoded as views of the
 * request frame (no copy); records are written as they are.
 */
export class MessageCodec {
  private readonly plans = new Map<number, StructPlan>();

  constructor(readonly schema: MessageSchema) {}

  isFlexible(version: number): boolean {
    return this.schema.flexibleVersions.contains(version);
  }

  decode(reader: Reader, version: number): MessageValue {
    return readStruct(reader, this.plan(version));
  }

  encode(writer: Writer, version: number, value: MessageValue): void {
    writeStruct(writer, this.plan(version), value, this.schema.name);
  }

  private plan(version: number): StructPlan {
    let plan = this.plans.get(version);
    if (!plan) {
      if (!this.schema.validVersions.contains(version))
        throw new Error(`${this.schema.name} has no version ${version}`);
      plan = planMessage(this.schema, version);
      this.plans.set(version, plan);
    }
    return plan;
  }
}

function readStruct(reader: Reader, plan: StructPlan): MessageValue {
  const value: MessageValue = {};
  for (const field of plan.absent) value[field.name] = field.makeDefault();
  for (const field of plan.fields) value[field.name] = readField(reader, field);
  if (!plan.flexible) return value;
  for (const field of plan.tagged) value[field.name] = field.makeDefault();
  const count = reader.uvarint();
  for (let index = 0; index < count; index++) {
    const tag = reader.uvarint();
    const data = reader.slice(reader.uvarint());
    const field = plan.byTag.get(tag);
    // Unknown tags are skipped: that is what makes them safe to add.
    if (field) value[field.name] = readField(new Reader(data), field);
  }
  return value;
}

function readField(reader: Reader, field: PlannedField): unknown {
  if (!field.array) return readItem(reader, field);
  const count = field.compact ? reader.uvarint() - 1 : reader.int32();
  if (count < 0) return null;
  if (count > reader.remaining) throw new MalformedRequestError(`array of ${count} items`);
  const items: unknown[] = [];
  for (let index = 0; index < count; index++) items.push(readItem(reader, field));
  return items;
}

function readItem(reader: Reader, field: PlannedField): unknown {
  switch (field.kind) {
    case 'bool':
      return reader.boolean();
    case 'int8':
      return reader.int8();
    case 'int16':
      return reader.int16();
    case 'uint16':
      return reader.uint16();
    case 'int32':
      return reader.int32();
    case 'uint32':
      return reader.uint32();
    case 'int64':
      return reader.int64();
    case 'float64':
      return reader.float64();
    case 'uuid':
      return reader.slice(16).toString('base64url');
    case 'string': {
      const length = field.compact ? reader.uvarint() - 1 : reader.int16();
      return length < 0 ? null : reader.slice(length).toString('utf8');
    }
    case 'bytes':
    case 'records': {
      const length = field.compact ? reader.uvarint() - 1 : reader.int32();
      return length < 0 ? null : reader.slice(length);
    }
    case 'struct':
      if (!field.array && field.nullable && reader.int8() < 0) return null;
      return readStruct(reader, structOf(field));
  }
}

function writeStruct(writer: Writer, plan: StructPlan, value: MessageValue, path: string): void {
  for (const name in value)
    if (!plan.names.has(name)) throw new Error(`${path} has no field ${name}`);
  for (const field of plan.fields) writeField(writer, field, value[field.name], path);
  if (!plan.flexible) return;
  const present = plan.tagged.filter((field) => !isDefault(field, value[field.name]));
  writer.uvarint(present.length);
  for (const field of present) {
    const data = new Writer(64);
    writeField(data, field, value[field.name], path);
    writer
      .uvarint(field.tag ?? 0)
      .uvarint(data.size)
      .raw(data.toBuffer());
  }
}

function isDefault(field: PlannedField, value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return field.kind !== 'struct' && value === field.makeDefault();
}

function writeField(writer: Writer, field: PlannedField, given: unknown, path: string): void {
  const value = given === undefined ? field.makeDefault() : given;
  if (!field.array) {
    writeItem(writer, field, value, path);
    return;
  }
  if (value === null) {
    if (field.compact) writer.uint8(0);
    else writer.int32(-1);
    return;
  }
  const items = value as readonly unknown[];
  if (field.compact) writer.uvarint(items.length + 1);
  else writer.int32(items.length);
  for (const item of items) writeItem(writer, field, item, path);
}

function writeItem(writer: Writer, field: PlannedField, value: unknown, path: string): void {
  if (value === null && field.kind !== 'string' && field.kind !== 'bytes') {
    if (field.kind === 'records') {
      if (field.compact) writer.uint8(0);
      else writer.int32(-1);
    } else if (field.kind === 'struct' && field.nullable) writer.int8(-1);
    else throw new Error(`${path}.${field.name} is null`);
    return;
  }
  switch (field.kind) {
    case 'bool':
      writer.boolean(value as boolean);
      break;
    case 'int8':
      writer.int8(value as number);
      break;
    case 'int16':
      writer.int16(value as number);
      break;
    case 'uint16':
      writer.uint16(value as number);
      break;
    case 'int32':
      writer.int32(value as number);
      break;
    case 'uint32':
      writer.uint32(value as number);
      break;
    case 'int64':
      writer.int64(value as number | bigint);
      break;
    case 'float64':
      writer.float64(value as number);
      break;
    case 'uuid':
      writer.raw(Buffer.from(value as string, 'base64url'));
      break;
    case 'string':
      if (field.compact) writer.compactString(value as string | null);
      else writer.string(value as string | null);
      break;
    case 'bytes':
    case 'records':
      if (field.compact) writer.compactBytes(value as Buffer | null);
      else writer.bytes(value as Buffer | null);
      break;
    case 'struct':
      if (!field.array && field.nullable) writer.int8(1);
      writeStruct(writer, structOf(field), value as MessageValue, path);
  }
}

function structOf(field: PlannedField): StructPlan {
  if (!field.struct) throw new Error(`${field.name} is not a struct`);
  return field.struct;
}
