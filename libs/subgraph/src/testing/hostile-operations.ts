import { strict as assert } from 'node:assert';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { assertOverInputs, hostileInput } from '@shop/contracts/testing';
import fc from 'fast-check';
import { postGraphql } from './post-graphql.js';

/** An entity type of the subgraph and what to select of it. */
export interface EntitySelection {
  readonly typename: string;
  readonly selection: string;
}

export interface HostileOperationOptions {
  /** The entities the gateway asks this subgraph for, e.g. `{ typename: 'Order', selection: 'receipt { id }' }`. */
  readonly entities: readonly EntitySelection[];
  /** Ids that exist in the test's database, so some representations reach the resolvers' data. */
  readonly knownIds: readonly string[];
  /** Learners the gateway may name (none: anonymous). */
  readonly learnerIds: readonly string[];
}

/** One operation as the gateway would send it, with hostile arguments. */
export interface HostileOperation {
  readonly query: string;
  readonly variables: unknown;
  readonly learnerId: string | undefined;
}

/**
 * Operations on a subgraph's entities (`_entities`, what the gateway calls)
 * and on its service SDL, with hostile representations: unknown or odd
 * `__typename`s, ids that are NUL bytes, lone surrogates, huge numbers,
 * objects, a cursor; unknown enum values; and variables of the wrong type
 * altogether.
 */
export function hostileOperations(
  options: HostileOperationOptions,
): fc.Arbitrary<HostileOperation> {
  const hostile = hostileInput({ knownStrings: [...options.knownIds, ...options.learnerIds] });
  const fragments = options.entities
    .map(({ typename, selection }) => `... on ${typename} { id ${selection} }`)
    .join(' ');
  const typenames = options.entities.map(({ typename }) => typename);
  const representation = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record(
        {
          __typename: fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...typenames) },
            {
              weight: 1,
              arbitrary: fc.oneof(fc.constantFrom('Query', 'Nope', '_Any'), hostile.string),
            },
          ),
          id: fc.oneof(
            fc.uuid(),
            fc.constantFrom(...options.knownIds),
            hostile.string,
            hostile.cursor,
            hostile.value,
          ),
          extra: hostile.value,
        },
        { requiredKeys: ['__typename'] },
      ),
    },
    { weight: 1, arbitrary: hostile.value },
  );
  const entities = fc.record({
    query: fc.constant(
      `query Q($reps: [_Any!]!) { _entities(representations: $reps) { __typename ${fragments} } }`,
    ),
    variables: fc.oneof(
      { weight: 4, arbitrary: fc.record({ reps: fc.array(representation, { maxLength: 4 }) }) },
      { weight: 1, arbitrary: fc.record({ reps: hostile.value }) },
      { weight: 1, arbitrary: hostile.value },
    ),
  });
  const other = fc.record({
    query: fc.constantFrom(
      '{ _service { sdl } }',
      'query Q($n: Int!, $s: String, $b: Boolean) { __typename }',
      // An enum every contract SDL declares: unknown values, wrong types.
      'query Q($e: CacheControlScope!) { __typename }',
      `{ _entities(representations: [{ __typename: "${typenames[0] ?? 'Query'}", id: 1e400 }]) { __typename } }`,
    ),
    variables: fc.oneof(
      fc.record(
        {
          n: hostile.value,
          s: hostile.value,
          b: hostile.value,
          e: fc.oneof(fc.constantFrom('PUBLIC', 'public', 'PRIVATE ', 'NOPE'), hostile.value),
        },
        { requiredKeys: [] },
      ),
      hostile.value,
    ),
  });
  return fc
    .record({
      operation: fc.oneof({ weight: 4, arbitrary: entities }, { weight: 1, arbitrary: other }),
      learnerId: fc.option(fc.constantFrom(...options.learnerIds), { nil: undefined }),
    })
    .map(({ operation, learnerId }) => ({ ...operation, learnerId }));
}

/**
 * Sends `numRuns` hostile operations to the subgraph as the gateway would
 * (its signed token) and asserts each answer is data or client errors: never
 * a 5xx, never INTERNAL_SERVER_ERROR, never the gateway check refusing it (so
 * the input reached the resolvers). Logs, and returns, how many inputs ran
 * and how many were executed.
 */
export async function assertSubgraphAnswersHostileOperations(
  app: NestFastifyApplication,
  edge: string,
  operations: fc.Arbitrary<HostileOperation>,
  numRuns: number,
): Promise<{ inputs: number; executed: number }> {
  let executed = 0;
  const inputs = await assertOverInputs(
    edge,
    operations,
    async ({ query, variables, learnerId }) => {
      const answer = await postGraphql(app, query, {
        variables: variables as Record<string, unknown>,
        learnerId,
      });
      const what = JSON.stringify({ query, variables, errors: answer.errors });
      assert.ok(answer.status < 500, `status ${answer.status}: ${what}`);
      for (const error of answer.errors ?? []) {
        assert.notEqual(error.extensions.code, 'INTERNAL_SERVER_ERROR', what);
        assert.doesNotMatch(error.message, /^Only the gateway may call/, what);
      }
      if (answer.data != null) executed += 1;
    },
    numRuns,
  );
  console.info(`${edge}: ${executed} operations executed`);
  assert.ok(executed > 0, `${edge}: no operation reached the resolvers`);
  return { inputs, executed };
}
