import { readFileSync } from 'node:fs';
import { VersionRange } from './version-range.js';

// The shape of Apache Kafka's message definitions (clients/src/main/resources/common/message).
interface FieldDefinition {
  readonly name: string;
  readonly type: string;
  readonly versions: string;
  readonly nullableVersions?: string;
  readonly taggedVersions?: string;
  readonly flexibleVersions?: string;
  readonly tag?: number;
  readonly default?: string | number | boolean;
  readonly fields?: readonly FieldDefinition[];
}

interface MessageDefinition {
  readonly apiKey: number;
  readonly type: 'request' | 'response';
  readonly name: string;
  readonly validVersions: string;
  readonly flexibleVersions: string;
  readonly fields: readonly FieldDefinition[];
  readonly commonStructs?: readonly { name: string; fields: readonly FieldDefinition[] }[];
}

export type PrimitiveType =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'float64'
  | 'string'
  | 'bytes'
  | 'records'
  | 'uuid';

const PRIMITIVES = new Set<string>([
  'bool',
  'int8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'float64',
  'string',
  'bytes',
  'records',
  'uuid',
]);

/** One field, with every version-dependent property still as ranges. */
export interface FieldSchema {
  /** The JSON name with a lower-case first letter: `TopicData` → `topicData`. */
  readonly name: string;
  readonly array: boolean;
  /** A primitive type, or undefined when the value (or each element) is a struct. */
  readonly primitive: PrimitiveType | undefined;
  readonly fields: readonly FieldSchema[];
  readonly versions: VersionRange;
  readonly nullableVersions: VersionRange;
  readonly taggedVersions: VersionRange;
  readonly flexibleVersions: VersionRange | undefined;
  readonly tag: number | undefined;
  readonly defaultValue: string | number | boolean | undefined;
}

export interface MessageSchema {
  readonly apiKey: number;
  readonly name: string;
  readonly validVersions: VersionRange;
  readonly flexibleVersions: VersionRange;
  readonly fields: readonly FieldSchema[];
}

const MESSAGES_DIRECTORY = new URL('../../../messages/', import.meta.url);

/** Reads `messages/<name>.json`, a committed copy of Kafka's definition of that message. */
export function loadMessageSchema(name: string): MessageSchema {
  const text = readFileSync(new URL(`${name}.json`, MESSAGES_DIRECTORY), 'utf8');
  return parseMessageSchema(text);
}

// Kafka's files are JSON with whole-line `//` comments (the licence and version notes).
export function parseMessageSchema(text: string): MessageSchema {
  const json = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
  const definition = JSON.parse(json) as MessageDefinition;
  const common = new Map((definition.commonStructs ?? []).map((struct) => [struct.name, struct]));
  const toField = (field: FieldDefinition): FieldSchema => {
    const array = field.type.startsWith('[]');
    const typeName = array ? field.type.slice(2) : field.type;
    const primitive = PRIMITIVES.has(typeName) ? (typeName as PrimitiveType) : undefined;
    const structFields = field.fields ?? common.get(typeName)?.fields ?? [];
    if (!primitive && structFields.length === 0 && !common.has(typeName))
      throw new Error(`${definition.name}.${field.name}: unknown type ${field.type}`);
    return {
      name: field.name.charAt(0).toLowerCase() + field.name.slice(1),
      array,
      primitive,
      fields: structFields.map(toField),
      versions: VersionRange.parse(field.versions),
      nullableVersions: VersionRange.parse(field.nullableVersions ?? 'none'),
      taggedVersions: VersionRange.parse(field.taggedVersions ?? 'none'),
      flexibleVersions:
        field.flexibleVersions === undefined
          ? undefined
          : VersionRange.parse(field.flexibleVersions),
      tag: field.tag,
      defaultValue: field.default,
    };
  };
  return {
    apiKey: definition.apiKey,
    name: definition.name,
    validVersions: VersionRange.parse(definition.validVersions),
    flexibleVersions: VersionRange.parse(definition.flexibleVersions),
    fields: definition.fields.map(toField),
  };
}
