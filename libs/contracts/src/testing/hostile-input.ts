import fc from 'fast-check';
import { MAX_GRAPH_PAGE } from '../lib/graphql-sdl.js';
import { PG_INTEGER_MAX } from '../lib/storable-values.js';

/**
 * The numbers at the edges of the contracts: the page size, PostgreSQL's
 * INTEGER and BIGINT, a double's exact integers, and where JSON numbers stop.
 * Each is tried with its neighbours.
 */
export const CONTRACT_BOUNDARIES: readonly number[] = [
  0,
  1,
  MAX_GRAPH_PAGE,
  PG_INTEGER_MAX,
  -PG_INTEGER_MAX - 1,
  Number.MAX_SAFE_INTEGER,
  2 ** 63,
  Number.MAX_VALUE,
];

/** Text that PostgreSQL, a JSON parser or a date parser refuses or misreads. */
export const HOSTILE_TEXTS: readonly string[] = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '1e400',
  'NaN',
];

export interface HostileInputOptions {
  /** Numbers that matter at this edge, beyond CONTRACT_BOUNDARIES (each with its neighbours). */
  readonly boundaries?: readonly number[];
  /** Strings that mean something at this edge — real ids, card tokens — so inputs reach past lookups. */
  readonly knownStrings?: readonly string[];
}

/** fast-check generators of what a hostile client sends; one set for every edge's property tests. */
export interface HostileInput {
  /** Any string, a hostile text or a known one. */
  readonly string: fc.Arbitrary<string>;
  /** Text a database refuses, more often than chance would give it. */
  readonly oddText: fc.Arbitrary<string>;
  /** Integers, doubles (NaN and infinities are not JSON: they arrive as null), the boundaries ±1. */
  readonly number: fc.Arbitrary<number>;
  /** Any JSON value built of the above, nested a little. */
  readonly value: fc.Arbitrary<unknown>;
  /** A pagination cursor the API never issued: base64url JSON of odd positions, or any string. */
  readonly cursor: fc.Arbitrary<string>;
  /** Any bytes in a URL, percent-encoded (NULs, invalid UTF-8, lone surrogates' bytes). */
  readonly urlPart: fc.Arbitrary<string>;
  /** JSON texts JSON.stringify never writes: numbers beyond a double, lone surrogates as escapes. */
  readonly rawJson: fc.Arbitrary<string>;
}

/** Percent-encodes every byte of the text. */
export const percentEncoded = (text: string | Uint8Array): string =>
  [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

export function hostileInput({
  boundaries = [],
  knownStrings = [],
}: HostileInputOptions = {}): HostileInput {
  const edges = [...CONTRACT_BOUNDARIES, ...boundaries].flatMap((n) => [n - 1, n, n + 1, -n]);
  const oddText = fc.oneof(
    fc.constantFrom(...HOSTILE_TEXTS),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  const string = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    oddText,
    ...(knownStrings.length > 0 ? [fc.constantFrom(...knownStrings)] : []),
  );
  const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(...edges, 0.5, -0.5));
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      string,
      number,
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(string, tie('value'), { maxKeys: 3 }),
    ),
  }));
  const base64url = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
  const cursor = fc.oneof(
    string,
    fc
      .oneof(
        value,
        fc.record({ after: fc.oneof(oddText, value) }),
        fc.record({
          at: fc.oneof(
            value,
            oddText,
            fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          ),
          id: fc.oneof(fc.uuid(), value),
        }),
      )
      .map(base64url),
  );
  const urlPart = fc.oneof(
    string.map(percentEncoded),
    fc.uint8Array({ maxLength: 20 }).map(percentEncoded),
  );
  const rawJson = fc.oneof(
    value.map((json) => JSON.stringify(json)),
    fc.constantFrom('1e400', '-1e999', '[1e400]', '"\\ud800"', '{"\\udfff":1}', '"\\u0000"'),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );
  return { string, oddText, number, value, cursor, urlPart, rawJson };
}

/**
 * Runs a fast-check property `numRuns` times and says how many inputs the
 * edge got, so CI's log can be quoted (issue 13 asks for the count per edge).
 */
export async function assertOverInputs<T>(
  edge: string,
  arbitrary: fc.Arbitrary<T>,
  property: (input: T) => Promise<void>,
  numRuns: number,
): Promise<number> {
  let inputs = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      inputs += 1;
      await property(input);
    }),
    { numRuns },
  );
  console.info(`${edge}: ${inputs} generated inputs (numRuns ${numRuns})`);
  return inputs;
}
