import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');

/** Runs one statement at `url`: 'ok', or PostgreSQL's SQLSTATE and message. */
async function outcome(url: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(sql);
    return 'ok';
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return `${code ?? '?'} ${message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const inDatabase = (url: string, database: string) => {
  const at = new URL(url);
  at.pathname = `/${database}`;
  return at.toString();
};

describe('each service connects to PostgreSQL as its own role', () => {
  it('refuses checkout’s login at payment’s database, and payment’s at checkout’s', async () => {
    const { checkout, payment } = stack.appDatabaseUrls;
    expect(await outcome(inDatabase(checkout ?? '', 'payment'), 'SELECT 1')).toMatch(
      /^42501 permission denied for database "payment"/,
    );
    expect(await outcome(inDatabase(payment ?? '', 'checkout'), 'SELECT 1')).toMatch(
      /^42501 permission denied for database "checkout"/,
    );
  });

  it('gives no service a superuser or a schema it may change', async () => {
    for (const url of Object.values(stack.appDatabaseUrls)) {
      expect(await outcome(url, 'CREATE ROLE "intruder"')).toMatch(/^42501 /);
      expect(await outcome(url, 'CREATE TABLE "intruder" ("id" INTEGER)')).toMatch(/^42501 /);
    }
  });
});
