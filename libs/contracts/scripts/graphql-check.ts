// CI's composition gate (see src/lib/supergraph-check.ts): composes, checks the
// committed supergraph is fresh, and compares its API schema with every version
// of supergraph.graphql committed in HEAD's history.
//   pnpm --filter @shop/contracts run graphql:check
// GRAPHQL_BREAKING_AGAINST=<ref> compares against that one ref instead.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { subgraphSources, supergraphSdlFile } from '../src/lib/graphql-sdl.js';
import { checkSupergraph, type CommittedSupergraph } from '../src/lib/supergraph-check.js';

function git(...args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function committedVersions(): CommittedSupergraph[] {
  const topLevel = git('rev-parse', '--show-toplevel').trim();
  const path = relative(topLevel, supergraphSdlFile);
  const against = process.env.GRAPHQL_BREAKING_AGAINST;
  const commits = against
    ? [git('rev-parse', '--verify', `${against}^{commit}`).trim()]
    : git('rev-list', 'HEAD', '--', supergraphSdlFile).split('\n').filter(Boolean);
  return commits.flatMap((commit) => {
    try {
      return [{ commit, sdl: git('show', `${commit}:${path}`) }];
    } catch {
      return []; // the file was deleted in this commit
    }
  });
}

const report = checkSupergraph({
  subgraphs: subgraphSources(),
  supergraphOnDisk: existsSync(supergraphSdlFile)
    ? readFileSync(supergraphSdlFile, 'utf8')
    : undefined,
  history: committedVersions(),
});
for (const problem of report.problems) console.error(`graphql:check: ${problem}`);
if (report.problems.length > 0) process.exit(1);
console.log(
  `graphql:check: the subgraphs compose, supergraph.graphql is fresh and compatible with ${report.checkedVersions} committed version(s).`,
);
