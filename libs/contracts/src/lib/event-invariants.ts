import { isCurrencyCode } from './currency-code.js';
import type { DataOf, MessageKind } from './message-kinds.js';
import { isStorableText } from './storable-values.js';

// What a JSON Schema cannot say, checked after it: a total is the sum of its
// lines, one order has one currency and each course once, a currency code is
// one ISO 4217 knows, and every string is text a database column can hold.
// Each returns the problems, one per field, named by JSON pointer.

type Check<K extends MessageKind> = (data: DataOf<K>) => string[];

interface PricedLine {
  readonly courseId: string;
  readonly priceMinor: number;
  readonly currency: string;
}

const checks: { readonly [K in MessageKind]: Check<K> } = {
  'enrollment.grant-seat.v1': () => [],
  'enrollment.seat-granted.v1': (data) => [
    ...duplicates(
      data.enrollments.map((e) => e.courseId),
      (i) => `/enrollments/${i}/courseId`,
    ),
    ...duplicates(
      data.enrollments.map((e) => e.enrollmentId),
      (i) => `/enrollments/${i}/enrollmentId`,
    ),
  ],
  'enrollment.seat-rejected.v1': () => [],
  'enrollment.cancel-grant.v1': () => [],
  'enrollment.grant-cancelled.v1': (data) => [
    ...duplicates(
      data.released.map((e) => e.courseId),
      (i) => `/released/${i}/courseId`,
    ),
    ...duplicates(
      data.released.map((e) => e.enrollmentId),
      (i) => `/released/${i}/enrollmentId`,
    ),
  ],
  'order.completed.v1': (data) => {
    const problems = [...lineProblems(data.lines), ...currencyProblems('/currency', data.currency)];
    data.lines.forEach((line, i) => {
      if (line.currency !== data.currency)
        problems.push(
          `/lines/${i}/currency ${line.currency} differs from /currency ${data.currency}`,
        );
    });
    const sum = data.lines.reduce((total, line) => total + line.priceMinor, 0);
    if (sum !== data.totalMinor)
      problems.push(`/totalMinor ${data.totalMinor} is not the sum of the lines' prices (${sum})`);
    return problems;
  },
  'order.cancelled.v1': (data) => cancelledLineProblems(data.lines),
  'order.cancelled.v2': (data) => cancelledLineProblems(data.lines),
};

/** The attributes every shop message carries, beyond the spec's own required ones. */
export const shopAttributes = ['id', 'source', 'type', 'subject', 'time', 'correlationid'] as const;
// Consumers store `id` (their inbox) and log `subject` and `correlationid`: bounded, like a command id.
const MAX_ATTRIBUTE_LENGTH = 255;

/**
 * What is wrong with the envelope's own values, if anything: a shop attribute
 * longer than 255 characters, or any attribute that is not storable text.
 * `createEvent` asks the same, so no producer emits what consumers refuse.
 */
export function envelopeProblem(attributes: Record<string, unknown>): string | undefined {
  const tooLong = shopAttributes.filter((name) => {
    const value = attributes[name];
    return typeof value === 'string' && value.length > MAX_ATTRIBUTE_LENGTH;
  });
  if (tooLong.length > 0) {
    return `attribute(s) longer than ${MAX_ATTRIBUTE_LENGTH}: ${tooLong.join(', ')}`;
  }
  const unstorable = textProblems({ ...attributes, data: undefined }, '');
  return unstorable.length > 0 ? unstorable.join('; ') : undefined;
}

/** The problems of `data` (already valid against its schema) that the schema cannot express. */
export function invariantProblems<K extends MessageKind>(kind: K, data: DataOf<K>): string[] {
  return [...textProblems(data, ''), ...(checks[kind] as Check<K>)(data)];
}

/** Every string in a JSON value, wherever it is (unknown fields too), must be storable text. */
export function textProblems(value: unknown, pointer: string): string[] {
  if (typeof value === 'string') {
    return isStorableText(value)
      ? []
      : [`${pointer || '(data)'} must not contain NUL or a lone surrogate`];
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = `${pointer}/${escapePointer(key)}`;
    const name = isStorableText(key)
      ? []
      : [`${at} (a field name) must not contain NUL or a lone surrogate`];
    return [...name, ...textProblems(item, at)];
  });
}

// A cancelled order's lines: each course once, in one currency the runtime knows.
function cancelledLineProblems(lines: readonly PricedLine[]): string[] {
  const problems = lineProblems(lines);
  const [first] = lines;
  lines.forEach((line, i) => {
    if (first && line.currency !== first.currency)
      problems.push(`/lines/${i}/currency ${line.currency} differs from /lines/0/currency`);
  });
  return problems;
}

function lineProblems(lines: readonly PricedLine[]): string[] {
  return [
    ...duplicates(
      lines.map((l) => l.courseId),
      (i) => `/lines/${i}/courseId`,
    ),
    ...lines.flatMap((line, i) => currencyProblems(`/lines/${i}/currency`, line.currency)),
  ];
}

function currencyProblems(pointer: string, code: string): string[] {
  return isCurrencyCode(code) ? [] : [`${pointer} ${code} is not an ISO 4217 currency code`];
}

function duplicates(values: readonly string[], pointerOf: (index: number) => string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  values.forEach((value, i) => {
    if (seen.has(value)) problems.push(`${pointerOf(i)} ${value} appears twice`);
    seen.add(value);
  });
  return problems;
}

// RFC 6901: `~` and `/` in a key are escaped.
function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
