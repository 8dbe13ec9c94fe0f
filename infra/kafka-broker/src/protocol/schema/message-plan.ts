import type { FieldSchema, MessageSchema, PrimitiveType } from './message-schema.js';

/** A field as one version encodes it: what Kafka's generator bakes into each class. */
export interface PlannedField {
  readonly name: string;
  readonly kind: PrimitiveType | 'struct';
  readonly array: boolean;
  readonly nullable: boolean;
  /** Compact (uvarint-counted) strings, bytes and arrays: the flexible versions. */
  readonly compact: boolean;
  readonly tag: number | undefined;
  readonly struct: StructPlan | undefined;
  readonly makeDefault: () => unknown;
}

export interface StructPlan {
  readonly flexible: boolean;
  /** Fields written in order, then (flexible only) the tagged ones by tag. */
  readonly fields: readonly PlannedField[];
  readonly tagged: readonly PlannedField[];
  readonly byTag: ReadonlyMap<number, PlannedField>;
  /** Fields this version does not carry: decoded as their defaults. */
  readonly absent: readonly PlannedField[];
  /** Every field name of the struct in any version: encoding rejects others (typos). */
  readonly names: ReadonlySet<string>;
}

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

export function planMessage(schema: MessageSchema, version: number): StructPlan {
  return planStruct(schema.fields, version, schema.flexibleVersions.contains(version));
}

function planStruct(
  fields: readonly FieldSchema[],
  version: number,
  flexible: boolean,
): StructPlan {
  const present = fields.filter((field) => field.versions.contains(version));
  const planned = present.map((field) => planField(field, version, flexible));
  const tagged = planned
    .filter((_, index) => flexible && present[index]?.taggedVersions.contains(version))
    .sort((a, b) => (a.tag ?? 0) - (b.tag ?? 0));
  return {
    flexible,
    fields: planned.filter((field) => !tagged.includes(field)),
    tagged,
    byTag: new Map(tagged.map((field) => [field.tag ?? -1, field])),
    absent: fields
      .filter((field) => !field.versions.contains(version))
      .map((field) => planField(field, version, flexible)),
    names: new Set(fields.map((field) => field.name)),
  };
}

function planField(field: FieldSchema, version: number, flexible: boolean): PlannedField {
  const struct = field.primitive ? undefined : planStruct(field.fields, version, flexible);
  const nullable = field.nullableVersions.contains(version);
  return {
    name: field.name,
    kind: field.primitive ?? 'struct',
    array: field.array,
    nullable,
    compact: field.flexibleVersions ? field.flexibleVersions.contains(version) : flexible,
    tag: field.tag,
    struct,
    makeDefault: defaultMaker(field, struct),
  };
}

// Kafka's defaults: the JSON "default", else zero, empty, false; "null" where nullable.
function defaultMaker(field: FieldSchema, struct: StructPlan | undefined): () => unknown {
  const given = field.defaultValue;
  if (given === 'null') return () => null;
  if (field.array) return () => [];
  if (struct) return () => structDefaults(struct);
  switch (field.primitive) {
    case 'bool':
      return () => given === true || given === 'true';
    case 'string':
      return () => (given === undefined ? '' : String(given));
    case 'bytes':
    case 'records':
      return () => EMPTY;
    case 'uuid':
      return () => ZERO_UUID;
    case undefined:
    case 'int8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'int64':
    case 'float64': {
      const number = Number(given ?? 0);
      return () => number;
    }
  }
}

export function structDefaults(plan: StructPlan): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of [...plan.fields, ...plan.tagged, ...plan.absent])
    value[field.name] = field.makeDefault();
  return value;
}

const EMPTY = Buffer.alloc(0);
