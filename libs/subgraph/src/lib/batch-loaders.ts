import DataLoader from 'dataloader';

/**
 * A DataLoader over a "fetch many by key" query: every key asked for while a
 * request resolves one level of its query goes into one call of `fetchMany`
 * (one SQL query), and each key gets its row, or undefined when there is none.
 * Create one per request (in `LoadersFactory.forRequest`): its cache must not
 * outlive the request, nor be shared between learners.
 */
export function batchLoader<K, V>(
  fetchMany: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (value: V) => K,
): DataLoader<K, V | undefined> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await fetchMany(keys)).map((value) => [keyOf(value), value]));
    return keys.map((key) => byKey.get(key));
  });
}

/** Like `batchLoader`, for one-to-many: each key gets all its rows (an empty list when none). */
export function groupLoader<K, V>(
  fetchMany: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (value: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const value of await fetchMany(keys)) groups.get(keyOf(value))?.push(value);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
