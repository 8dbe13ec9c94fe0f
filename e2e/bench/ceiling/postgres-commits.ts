import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

// One transaction shaped like the flow's typical one: a row written, an outbox
// row of a CloudEvent's size beside it, a status change — three writes, one
// commit that waits for its WAL flush (synchronous_commit stays on, as in the stack).
const TRANSACTION = `
BEGIN;
INSERT INTO ceiling_orders (learner_id, status, lines)
  VALUES (gen_random_uuid(), 'PENDING_PAYMENT', '[{"courseId":"6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01","priceMinor":4900}]')
  RETURNING id AS order_id \\gset
INSERT INTO ceiling_outbox (aggregate_id, topic, payload) VALUES (:order_id, 'order.placed.v1', repeat('x', 700)::text);
UPDATE ceiling_orders SET status = 'PAID' WHERE id = :order_id;
COMMIT;
`;

const SCHEMA = `
CREATE EXTENSION IF NOT EXISTS pgcrypto;
DROP TABLE IF EXISTS ceiling_orders, ceiling_outbox;
CREATE TABLE ceiling_orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), learner_id uuid NOT NULL,
  status text NOT NULL, lines jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE ceiling_outbox (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), aggregate_id uuid NOT NULL,
  topic text NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz);
CREATE INDEX ON ceiling_outbox (sent_at, created_at);
`;

/**
 * Commits per second the stack's own PostgreSQL takes with `clients`
 * connections, each running the flow-shaped transaction above in a closed
 * loop (pgbench, prepared statements), in a scratch database `ceiling`.
 */
export async function postgresCommitsPerS(
  adminUrl: string,
  { clients, durationS }: { clients: number; durationS: number },
): Promise<number> {
  await ensureDatabase(adminUrl, 'ceiling');
  const url = new URL(adminUrl);
  url.pathname = '/ceiling';
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    await db.query(SCHEMA);
  } finally {
    await db.end();
  }
  const dir = await mkdtemp(join(tmpdir(), 'ceiling-'));
  try {
    const script = join(dir, 'flow-transaction.sql');
    await writeFile(script, TRANSACTION);
    const { stdout } = await run(
      'pgbench',
      [
        '--no-vacuum',
        `--file=${script}`,
        `--client=${clients}`,
        `--jobs=${Math.min(clients, 2)}`,
        `--time=${durationS}`,
        '--protocol=prepared',
        url.toString(),
      ],
      { maxBuffer: 1 << 20 },
    ).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error('pgbench is not installed (Debian: apt-get install postgresql-client)');
      throw error;
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
    if (!tps) throw new Error(`no tps in pgbench's output:\n${stdout}`);
    return Number(tps);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}
