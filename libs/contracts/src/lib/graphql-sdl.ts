import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The folder of GraphQL SDL shipped inside this package (`graphql/`): one
 * file per subgraph and the composed `supergraph.graphql`. Both src/lib and
 * dist/lib sit two levels below the package root.
 */
export const graphqlSchemaRoot = resolve(import.meta.dirname, '..', '..', 'graphql');

/**
 * Most items one page of a connection holds (`first` of `courses`,
 * `myOrders`): the subgraph refuses more, and the gateway refuses a `first`
 * outside 1…this before it estimates a query's cost, so a page size can
 * never shrink the estimate.
 */
export const MAX_GRAPH_PAGE = 50;

/** Whether `first` is a page size the graph serves: an integer within 1…MAX_GRAPH_PAGE. */
export function isGraphPageSize(first: unknown): first is number {
  return Number.isInteger(first) && (first as number) >= 1 && (first as number) <= MAX_GRAPH_PAGE;
}

/**
 * The subgraphs the gateway composes, in composition order, with the URL of
 * each on the local stack (the service's HTTP port). The bff overrides the URLs
 * from its own configuration; the supergraph only records these defaults.
 */
export const subgraphs = {
  checkout: { defaultUrl: 'http://localhost:3000/graphql' },
  enrollment: { defaultUrl: 'http://localhost:3002/graphql' },
  notification: { defaultUrl: 'http://localhost:3003/graphql' },
  analytics: { defaultUrl: 'http://localhost:3004/graphql' },
} as const;

export type SubgraphName = keyof typeof subgraphs;

/** Every subgraph's name, in composition order. */
export const subgraphNames = Object.keys(subgraphs) as readonly SubgraphName[];

/** The absolute path of a subgraph's SDL file. */
export function subgraphSdlFile(name: SubgraphName): string {
  return join(graphqlSchemaRoot, `${name}.graphql`);
}

/** A subgraph's SDL, as the service serves it (schema-first). */
export function subgraphSdl(name: SubgraphName): string {
  return readFileSync(subgraphSdlFile(name), 'utf8');
}

/** One subgraph as composition sees it. */
export interface SubgraphSource {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

/** Every subgraph's SDL file with its default URL: the input of composition. */
export function subgraphSources(): SubgraphSource[] {
  return subgraphNames.map((name) => ({
    name,
    url: subgraphs[name].defaultUrl,
    sdl: subgraphSdl(name),
  }));
}

/** The absolute path of the committed supergraph (`pnpm run graphql:compose` writes it). */
export const supergraphSdlFile = join(graphqlSchemaRoot, 'supergraph.graphql');

/** The committed supergraph SDL, for a gateway with a static `supergraphSdl`. */
export function supergraphSdl(): string {
  return readFileSync(supergraphSdlFile, 'utf8');
}
