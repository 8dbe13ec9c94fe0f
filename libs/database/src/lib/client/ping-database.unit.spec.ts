import { describe, expect, it } from 'vitest';
import { pingDatabase } from './ping-database.js';

describe('pingDatabase', () => {
  it('reports ready when SELECT 1 answers', async () => {
    const db = { $queryRawUnsafe: () => Promise.resolve([{ '?column?': 1 }]) };
    expect(await pingDatabase(db)).toMatchObject({ ready: true });
  });

  it('reports not ready when the query fails', async () => {
    const db = { $queryRawUnsafe: () => Promise.reject(new Error('connection refused')) };
    expect(await pingDatabase(db)).toEqual({ ready: false, reason: 'connection refused' });
  });

  it('reports not ready when no answer comes within the timeout', async () => {
    const db = { $queryRawUnsafe: () => new Promise<never>(() => undefined) };
    expect(await pingDatabase(db, 50)).toEqual({
      ready: false,
      reason: 'no answer to SELECT 1 within 50 ms',
    });
  });
});
