import { readFileSync } from 'node:fs';

/**
 * The composed supergraph the gateway serves: static, so no introspection of
 * subgraphs and no schema registry at run time.
 */
export function loadSupergraphSdl(): string {
  // Until @shop/contracts exports the committed supergraph, bff reads the copy
  // its tests compose from the contract's SDL (test/supergraph.fixture.spec.ts).
  return readFileSync(
    new URL('../../test/fixtures/graphql/supergraph.graphql', import.meta.url),
    'utf8',
  );
}
