import type { SubgraphSource } from './graphql-sdl.js';
import { breakingChangesBetween, composeSupergraph } from './supergraph-composition.js';

/** A supergraph SDL as it was committed at some point of the history. */
export interface CommittedSupergraph {
  readonly commit: string;
  readonly sdl: string;
}

export interface SupergraphCheckInput {
  readonly subgraphs: readonly SubgraphSource[];
  /** The supergraph file in the working tree (undefined when it does not exist). */
  readonly supergraphOnDisk: string | undefined;
  /** Every committed version of the supergraph file, newest first. */
  readonly history: readonly CommittedSupergraph[];
}

export interface SupergraphCheckReport {
  readonly problems: readonly string[];
  readonly checkedVersions: number;
}

/**
 * CI's composition gate: the subgraphs compose, the committed supergraph is
 * what they compose to, and the API schema breaks no client of any version
 * ever committed (the same rule as `proto:breaking`).
 */
export function checkSupergraph(input: SupergraphCheckInput): SupergraphCheckReport {
  const composition = composeSupergraph(input.subgraphs);
  if (!composition.ok) {
    return {
      problems: composition.errors.map((error) => `composition failed: ${error}`),
      checkedVersions: 0,
    };
  }
  const problems: string[] = [];
  if (input.supergraphOnDisk !== composition.supergraphSdl) {
    problems.push(
      'supergraph.graphql is stale: run `pnpm --filter @shop/contracts graphql:compose`',
    );
  }
  for (const version of input.history) {
    for (const change of breakingChangesBetween(version.sdl, composition.supergraphSdl)) {
      problems.push(`breaks ${version.commit.slice(0, 12)}: ${change.type}: ${change.description}`);
    }
  }
  return { problems, checkedVersions: input.history.length };
}
