import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export const SUBGRAPHS = ['checkout', 'enrollment', 'notification', 'analytics'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

// Copies of the issue-6 contract SDL until @shop/contracts exports it.
export function subgraphSdl(name: SubgraphName): string {
  return readFileSync(new URL(`../fixtures/graphql/${name}.graphql`, import.meta.url), 'utf8');
}

/** Composes the four subgraphs' SDL into a supergraph, as the contract's check does. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map((name) => ({
      name,
      typeDefs: parse(subgraphSdl(name)),
      // The gateway calls the URLs in its configuration, never these.
      url: `http://${name}.invalid/graphql`,
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  }
  return result.supergraphSdl;
}
