import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { invariantProblems } from './event-invariants.js';
import { allMessageKinds, messageKinds, type DataOf, type MessageKind } from './message-kinds.js';

/**
 * The folder of JSON Schemas shipped inside this package (`events/`). Both
 * src/lib and dist/lib sit two levels below the package root.
 */
export const eventSchemaRoot = resolve(import.meta.dirname, '..', '..', 'events');

/** The AsyncAPI 3.0 document describing every channel, shipped inside this package. */
export const asyncApiDocumentFile = resolve(import.meta.dirname, '..', '..', 'asyncapi.yaml');

/** The parsed JSON Schema of a kind's `data`. */
export function schemaOf(kind: MessageKind): Record<string, unknown> {
  const file = join(eventSchemaRoot, messageKinds[kind].schemaFile);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

// One Ajv instance compiles every schema once, at first use.
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv, ['uuid', 'date-time']);
const validators = new Map<MessageKind, ValidateFunction>();

function validatorOf(kind: MessageKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.compile(schemaOf(kind));
    validators.set(kind, validate);
  }
  return validate;
}

/** Every schema, compiled: a broken schema fails at start-up, not on the first message. */
export function compileAllEventSchemas(): void {
  for (const kind of allMessageKinds) validatorOf(kind);
}

export type DataValidation<K extends MessageKind> =
  { readonly ok: true; readonly data: DataOf<K> } | { readonly ok: false; readonly reason: string };

/**
 * Checks `data` against the kind's JSON Schema, then against what the schema
 * cannot say (`event-invariants.ts`: totals, one currency, known ISO 4217
 * codes, storable text). The reason names each failing field by its JSON
 * pointer, e.g. `/lines/0/priceMinor must be integer`.
 */
export function validateData<K extends MessageKind>(kind: K, data: unknown): DataValidation<K> {
  const validate = validatorOf(kind);
  if (!validate(data)) return { ok: false, reason: describeErrors(validate.errors ?? []) };
  const problems = invariantProblems(kind, data as DataOf<K>);
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return { ok: true, data: data as DataOf<K> };
}

function describeErrors(errors: readonly ErrorObject[]): string {
  return errors.map(describeError).join('; ');
}

function describeError(error: ErrorObject): string {
  const field = error.instancePath === '' ? '(data)' : error.instancePath;
  if (error.keyword === 'required') {
    const { missingProperty } = error.params as { missingProperty: string };
    return `${field === '(data)' ? '' : field}/${missingProperty} is required`;
  }
  if (error.keyword === 'enum') {
    const { allowedValues } = error.params as { allowedValues: unknown[] };
    return `${field} must be one of ${allowedValues.map(String).join(', ')}`;
  }
  return `${field} ${error.message ?? 'is invalid'}`;
}
