import { parse, print } from 'graphql';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { loadSupergraphSdl } from '../src/gateway/supergraph.js';
import { composeSupergraph } from './support/contract-sdl.js';

const FIXTURE = 'fixtures/graphql/supergraph.graphql';

describe('the supergraph bff serves', () => {
  it('is the composition of the four subgraphs of the contract, kept fresh', async () => {
    // Regenerate with `pnpm vitest run -u` in apps/bff after changing fixtures/graphql/*.
    const options = await resolveConfig(new URL(FIXTURE, import.meta.url));
    const formatted = await format(composeSupergraph(), { ...options, parser: 'graphql' });
    await expect(formatted).toMatchFileSnapshot(FIXTURE);
  });

  it('is what the gateway loads', () => {
    expect(print(parse(loadSupergraphSdl()))).toBe(print(parse(composeSupergraph())));
  });
});
