import { statementOutcome } from '@shop/database/testing';
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');

const inDatabase = (url: string, database: string) => {
  const at = new URL(url);
  at.pathname = `/${database}`;
  return at.toString();
};

describe('each service connects to PostgreSQL as its own role', () => {
  it('refuses checkout’s login at payment’s database, and payment’s at checkout’s', async () => {
    const { checkout, payment } = stack.appDatabaseUrls;
    expect(await statementOutcome(inDatabase(checkout ?? '', 'payment'), 'SELECT 1')).toMatch(
      /^42501 permission denied for database "payment"/,
    );
    expect(await statementOutcome(inDatabase(payment ?? '', 'checkout'), 'SELECT 1')).toMatch(
      /^42501 permission denied for database "checkout"/,
    );
  });

  it('gives no service a superuser or a schema it may change', async () => {
    for (const url of Object.values(stack.appDatabaseUrls)) {
      expect(await statementOutcome(url, 'CREATE ROLE "intruder"')).toMatch(/^42501 /);
      expect(await statementOutcome(url, 'CREATE TABLE "intruder" ("id" INTEGER)')).toMatch(
        /^42501 /,
      );
    }
  });
});
