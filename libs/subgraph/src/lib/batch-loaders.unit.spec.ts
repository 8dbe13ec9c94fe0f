import { describe, expect, it } from 'vitest';
import { batchLoader, groupLoader } from './batch-loaders.js';

interface Row {
  readonly id: string;
  readonly parent: string;
}

function recording(rows: readonly Row[], keyField: keyof Row) {
  const calls: (readonly string[])[] = [];
  const fetchMany = (keys: readonly string[]) => {
    calls.push(keys);
    return Promise.resolve(rows.filter((row) => keys.includes(row[keyField])));
  };
  return { calls, fetchMany };
}

describe('batchLoader', () => {
  it('fetches every key asked for in one tick with one call, each key once, and answers in key order', async () => {
    const { calls, fetchMany } = recording(
      [
        { id: 'b', parent: 'x' },
        { id: 'a', parent: 'x' },
      ],
      'id',
    );
    const loader = batchLoader(fetchMany, (row) => row.id);

    const rows = await Promise.all(['a', 'missing', 'b', 'a'].map((id) => loader.load(id)));

    expect(calls).toEqual([['a', 'missing', 'b']]);
    expect(rows.map((row) => row?.id)).toEqual(['a', undefined, 'b', 'a']);
  });
});

describe('groupLoader', () => {
  it('gives each key all its rows, and an empty list to a key without any, from one call', async () => {
    const { calls, fetchMany } = recording(
      [
        { id: '1', parent: 'p' },
        { id: '2', parent: 'q' },
        { id: '3', parent: 'p' },
      ],
      'parent',
    );
    const loader = groupLoader(fetchMany, (row) => row.parent);

    const groups = await Promise.all(['p', 'q', 'none'].map((parent) => loader.load(parent)));

    expect(calls).toHaveLength(1);
    expect(groups.map((rows) => rows.map((row) => row.id))).toEqual([['1', '3'], ['2'], []]);
  });
});
