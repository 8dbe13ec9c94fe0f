import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { subgraphSources, supergraphSdlFile, type SubgraphSource } from './graphql-sdl.js';
import { checkSupergraph } from './supergraph-check.js';
import { apiSchemaOf, composeSupergraph } from './supergraph-composition.js';

const committed = readFileSync(supergraphSdlFile, 'utf8');

/** The real subgraphs with one SDL edited, and the supergraph they compose to. */
function withEdit(name: string, edit: (sdl: string) => string) {
  const sources: SubgraphSource[] = subgraphSources().map((source) =>
    source.name === name ? { ...source, sdl: edit(source.sdl) } : source,
  );
  const composition = composeSupergraph(sources);
  return { sources, supergraphOnDisk: composition.ok ? composition.supergraphSdl : undefined };
}

describe('the supergraph check (graphql:check)', () => {
  it('passes for the committed subgraphs: they compose to the committed supergraph', () => {
    const report = checkSupergraph({
      subgraphs: subgraphSources(),
      supergraphOnDisk: committed,
      history: [{ commit: 'committed', sdl: committed }],
    });

    expect(report).toEqual({ problems: [], checkedVersions: 1 });
  });

  it('passes with no history: the first version of a contract breaks nobody', () => {
    expect(
      checkSupergraph({ subgraphs: subgraphSources(), supergraphOnDisk: committed, history: [] }),
    ).toEqual({ problems: [], checkedVersions: 0 });
  });

  it('passes an additive change: a new nullable field on an entity', () => {
    const { sources, supergraphOnDisk } = withEdit('checkout', (sdl) =>
      sdl.replace('  title: String!\n', '  title: String!\n  subtitle: String\n'),
    );

    const report = checkSupergraph({
      subgraphs: sources,
      supergraphOnDisk,
      history: [{ commit: 'committed', sdl: committed }],
    });

    expect(report.problems).toEqual([]);
    expect(apiSchemaOf(supergraphOnDisk!).getType('Course')?.toString()).toBe('Course');
  });

  it('fails a breaking change against every committed version, naming the change', () => {
    const { sources, supergraphOnDisk } = withEdit('checkout', (sdl) =>
      sdl.replace('  slug: String!\n', ''),
    );

    const report = checkSupergraph({
      subgraphs: sources,
      supergraphOnDisk,
      history: [
        { commit: 'a'.repeat(40), sdl: committed },
        { commit: 'b'.repeat(40), sdl: committed },
      ],
    });

    expect(report.problems).toEqual([
      `breaks ${'a'.repeat(12)}: FIELD_REMOVED: Course.slug was removed.`,
      `breaks ${'b'.repeat(12)}: FIELD_REMOVED: Course.slug was removed.`,
    ]);
  });

  it('fails a field that becomes nullable or a new required argument', () => {
    const { sources, supergraphOnDisk } = withEdit('analytics', (sdl) =>
      sdl.replace('conversions: Int!', 'conversions: Int'),
    );

    const report = checkSupergraph({
      subgraphs: sources,
      supergraphOnDisk,
      history: [{ commit: 'c'.repeat(40), sdl: committed }],
    });

    expect(report.problems).toEqual([
      `breaks ${'c'.repeat(12)}: FIELD_CHANGED_KIND: CourseStats.conversions changed type from Int! to Int.`,
    ]);
  });

  it('fails when the committed supergraph is stale', () => {
    const { sources } = withEdit('checkout', (sdl) =>
      sdl.replace('  title: String!\n', '  title: String!\n  subtitle: String\n'),
    );

    const report = checkSupergraph({
      subgraphs: sources,
      supergraphOnDisk: committed,
      history: [],
    });

    expect(report.problems).toEqual([
      'supergraph.graphql is stale: run `pnpm --filter @shop/contracts graphql:compose`',
    ]);
  });

  it('fails when the subgraphs do not compose, with composition’s reason', () => {
    // Money is a value type both checkout and analytics define: without
    // @shareable in one of them, federation refuses to merge it.
    const { sources } = withEdit('analytics', (sdl) =>
      sdl.replace('type Money @shareable', 'type Money'),
    );

    const report = checkSupergraph({
      subgraphs: sources,
      supergraphOnDisk: committed,
      history: [],
    });

    expect(report).toEqual({
      problems: [
        expect.stringMatching(/^composition failed: Non-shareable field "Money.minorUnits"/),
        expect.stringMatching(/^composition failed: Non-shareable field "Money.amountMinor"/),
        expect.stringMatching(/^composition failed: Non-shareable field "Money.currency"/),
      ],
      checkedVersions: 0,
    });
  });
});
