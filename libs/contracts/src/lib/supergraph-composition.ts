import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import {
  buildASTSchema,
  findBreakingChanges,
  parse,
  type BreakingChange,
  type GraphQLSchema,
} from 'graphql';
import type { SubgraphSource } from './graphql-sdl.js';

export type Composition =
  | { readonly ok: true; readonly supergraphSdl: string }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Composes subgraphs into a Federation 2 supergraph with `@apollo/composition`. */
export function composeSupergraph(sources: readonly SubgraphSource[]): Composition {
  const result = composeServices(
    sources.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: `${result.supergraphSdl}\n` };
}

/**
 * The API schema of a supergraph: what clients of the gateway see, without
 * the federation machinery (join__*, link__*) that is free to change.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  // Through the AST (plain data): federation-internals may load another copy
  // of graphql-js than this module (CommonJS vs ESM), and schemas do not cross.
  return buildASTSchema(Supergraph.build(supergraphSdl).apiSchema().toAST());
}

/** The changes from `before` to `after` that would break an existing client (graphql-js). */
export function breakingChangesBetween(
  beforeSupergraphSdl: string,
  afterSupergraphSdl: string,
): readonly BreakingChange[] {
  return findBreakingChanges(apiSchemaOf(beforeSupergraphSdl), apiSchemaOf(afterSupergraphSdl));
}
