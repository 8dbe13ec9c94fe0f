import pg from 'pg';

/**
 * Runs one statement at `url` as its login, on a connection of its own: 'ok',
 * or the SQLSTATE and message PostgreSQL refused it with — what a test of
 * roles and grants compares.
 */
export async function statementOutcome(url: string, sql: string): Promise<string> {
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
