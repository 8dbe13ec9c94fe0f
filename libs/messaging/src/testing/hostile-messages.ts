import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createEvent, parseEvent, type DataOf, type MessageKind } from '@shop/contracts';

/** How a hostile message was made; each shape is a way a producer or an attacker gets it wrong. */
export type HostileShape =
  'not-json' | 'not-an-object' | 'bad-envelope' | 'bad-data' | 'fresh' | 'repeat' | 'contradiction';

export interface HostileMessage {
  /** Unique in the batch: the Kafka key (or AMQP message id) that finds it again in a DLQ. */
  readonly key: string;
  readonly value: Buffer;
  readonly shape: HostileShape;
  /** What `parseEvent` says of it: the contract's verdict, before any consumer state. */
  readonly contract:
    { readonly ok: true; readonly id: string } | { readonly ok: false; readonly code: string };
}

export interface HostileBatchOptions<K extends MessageKind> {
  /** How many messages. */
  readonly count: number;
  /** fast-check's seed: print it, and the same batch shapes come back. */
  readonly seed: number;
  /** A valid message about something the consumer has not seen. */
  readonly fresh: () => DataOf<K>;
  /** Messages the consumer has already applied: re-published as they were, or contradicted. */
  readonly known?: readonly DataOf<K>[];
  /** Ways to contradict a known message while staying within the contract. */
  readonly contradictions?: readonly ((known: DataOf<K>) => DataOf<K>)[];
}

// Values no contract accepts somewhere: NUL, lone surrogates, oversize text,
// numbers past INTEGER or past a double (`1e400`, spliced into the JSON text),
// unknown enum values and currencies, wrong JSON types.
const HUGE = '\u0001huge-number\u0001';
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    'x'.repeat(10_000),
    'ZZZ',
    'eur',
    'COURSE_EMPTY',
    'not-a-uuid',
    '00000000-0000-0000-0000-00000000000g',
    '+275760-09-13T00:00:00.000Z',
    HUGE,
  ),
  fc.constantFrom(2 ** 31, -1, 0.5, 2 ** 53 + 2, -0, 1e308, Number.MAX_SAFE_INTEGER),
  fc.constantFrom(null, true, [], {}, [null], { nested: { deeper: ['\u0000'] } }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);
const jsonValue = fc.jsonValue({ maxDepth: 3 });

const envelopeAttributes = [
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'correlationid',
  'datacontenttype',
  'data',
];

function serialise(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value).replaceAll(JSON.stringify(HUGE), '1e400'));
}

// Every path to a value inside `data`, arrays' items included: where a mutation lands.
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [[...prefix]];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [[...prefix], ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

function mutate(
  root: unknown,
  path: readonly (string | number)[],
  change: { drop: true } | { set: unknown } | { grow: true },
): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (path.length === 0) return 'drop' in change ? undefined : 'set' in change ? change.set : copy;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = at(path, path.length - 1);
  if ('drop' in change) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else Reflect.deleteProperty(parent, last);
  } else if ('set' in change) parent[last] = change.set;
  else
    parent[last] = Array.isArray(parent[last])
      ? Array.from({ length: 21 }, () => (parent[last] as unknown[])[0])
      : 'x'.repeat(600);
  return copy;
}

// The item at `n`, wrapping around: fast-check picks by a natural number.
function at<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new RangeError('nothing to pick from');
  return item;
}

interface Sample {
  shape: HostileShape;
  value: () => Buffer;
}

function eventBody<K extends MessageKind>(kind: K, data: DataOf<K>): Record<string, unknown> {
  const subject = (data as { orderId?: string }).orderId ?? randomUUID();
  return JSON.parse(
    JSON.stringify(createEvent(kind, data, { subject, correlationId: `fuzz-${randomUUID()}` })),
  ) as Record<string, unknown>;
}

function shapeArbitrary<K extends MessageKind>(
  kind: K,
  options: HostileBatchOptions<K>,
): fc.Arbitrary<Sample> {
  const known = options.known ?? [];
  const contradictions = options.contradictions ?? [];
  const change = fc.oneof(
    fc.constant({ drop: true } as const),
    fc.constant({ grow: true } as const),
    hostileValue.map((set) => ({ set })),
  );
  const shapes: fc.Arbitrary<Sample>[] = [
    fc
      .oneof(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 64 }))
      .map((raw) => ({
        shape: 'not-json' as const,
        value: () => Buffer.from(typeof raw === 'string' ? `{${raw}` : raw),
      })),
    fc
      .oneof(jsonValue, hostileValue)
      .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
      .map((v) => ({
        shape: 'not-an-object' as const,
        value: () => serialise(v),
      })),
    fc
      .record({ attribute: fc.constantFrom(...envelopeAttributes), change })
      .map(({ attribute, change: c }) => ({
        shape: 'bad-envelope' as const,
        value: () => serialise(mutate(eventBody(kind, options.fresh()), [attribute], c)),
      })),
    fc.record({ pick: fc.nat(), change }).map(({ pick, change: c }) => ({
      shape: 'bad-data' as const,
      value: () => {
        const body = eventBody(kind, options.fresh());
        const paths = pathsOf(body.data).map((p) => ['data', ...p]);
        return serialise(mutate(body, at(paths, pick), c));
      },
    })),
    fc.constant({
      shape: 'fresh' as const,
      value: () => serialise(eventBody(kind, options.fresh())),
    }),
  ];
  if (known.length > 0) {
    shapes.push(
      fc.nat().map((pick) => ({
        shape: 'repeat' as const,
        value: () => serialise(eventBody(kind, at(known, pick))),
      })),
    );
  }
  if (known.length > 0 && contradictions.length > 0) {
    shapes.push(
      fc.record({ pick: fc.nat(), how: fc.nat() }).map(({ pick, how }) => ({
        shape: 'contradiction' as const,
        value: () => serialise(eventBody(kind, at(contradictions, how)(at(known, pick)))),
      })),
    );
  }
  return fc.oneof(...shapes);
}

/**
 * A batch of hostile messages of one kind, made by fast-check from a seed:
 * bytes that are not JSON, JSON that is not an object, valid events with one
 * envelope attribute or one `data` field dropped, grown past its bound or set
 * to a hostile value, and — within the contract — fresh events, known events
 * re-published, and known events contradicted. Each carries the contract's
 * verdict (`parseEvent`), so a test can tell what the consumer must do with it.
 */
export function hostileMessages<K extends MessageKind>(
  kind: K,
  options: HostileBatchOptions<K>,
): HostileMessage[] {
  const batch = `fuzz-${options.seed}-${randomUUID().slice(0, 8)}`;
  const samples = fc.sample(shapeArbitrary(kind, options), {
    numRuns: options.count,
    seed: options.seed,
  });
  return samples.map(({ shape, value }, i) => {
    const bytes = value();
    const parsed = parseEvent(kind, bytes);
    return {
      key: `${batch}-${i}`,
      value: bytes,
      shape,
      contract: parsed.ok ? { ok: true, id: parsed.event.id } : { ok: false, code: parsed.code },
    };
  });
}

/** The seed of this run: `FUZZ_SEED` to replay one, else a fresh one (print it). */
export function fuzzSeed(): number {
  const given = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Number.NaN;
  return Number.isSafeInteger(given) ? given : Math.floor(Math.random() * 2 ** 31);
}

/** How many messages of each shape, for the test's log line. */
export function shapeCounts(messages: readonly HostileMessage[]): Record<HostileShape, number> {
  const counts = {
    'not-json': 0,
    'not-an-object': 0,
    'bad-envelope': 0,
    'bad-data': 0,
    fresh: 0,
    repeat: 0,
    contradiction: 0,
  };
  for (const m of messages) counts[m.shape]++;
  return counts;
}

/**
 * This run's batch: `hostileMessages` with `fuzzSeed()`, the seed and the
 * shapes logged, so a failing run can be replayed with `FUZZ_SEED=<seed>`.
 */
export function hostileBatch<K extends MessageKind>(
  kind: K,
  options: Omit<HostileBatchOptions<K>, 'seed'>,
): HostileMessage[] {
  const seed = fuzzSeed();
  const batch = hostileMessages(kind, { ...options, seed });
  console.info(`${options.count} hostile ${kind} messages, FUZZ_SEED=${seed}`, shapeCounts(batch));
  return batch;
}
