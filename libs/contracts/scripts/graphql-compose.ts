// Composes libs/contracts/graphql/*.graphql into supergraph.graphql.
//   pnpm --filter @shop/contracts run graphql:compose
import { writeFileSync } from 'node:fs';
import { subgraphSources, supergraphSdlFile } from '../src/lib/graphql-sdl.js';
import { composeSupergraph } from '../src/lib/supergraph-composition.js';

const composition = composeSupergraph(subgraphSources());
if (!composition.ok) {
  for (const error of composition.errors) console.error(`graphql:compose: ${error}`);
  process.exit(1);
}
writeFileSync(supergraphSdlFile, composition.supergraphSdl);
console.log(`graphql:compose: wrote ${supergraphSdlFile}`);
