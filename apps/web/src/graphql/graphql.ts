import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './generated/graphql-env';

/** `graphql(...)` documents typed from the bff's API schema (scripts/codegen.ts generates it). */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; MinorUnits: string; ID: string };
}>();

export type { ResultOf, VariablesOf, TadaDocumentNode } from 'gql.tada';
