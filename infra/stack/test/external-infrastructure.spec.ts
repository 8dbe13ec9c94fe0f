import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start as startAmqpBroker, type RunningBroker } from '@shop/amqp-broker';
import { loadConfig } from '@shop/config';
import { findFreePort, startLocalPostgres, type LocalPostgres } from '@shop/local-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findRepoRoot,
  serveStackControl,
  stackConfigSchema,
  startStack,
  StackControl,
  type Component,
  type RunningStack,
  type StackControlServer,
} from '../src/index.js';

/**
 * What `E2E_ENGINES=containers` relies on, without containers: PostgreSQL
 * and an AMQP broker that the caller runs (here an embedded PostgreSQL and
 * the embedded broker, started by this test), the broker handed to the stack
 * as a component of the caller's.
 */
describe('a stack on infrastructure its caller runs', () => {
  let dir: string;
  let postgres: LocalPostgres;
  let amqp: CallerBroker;
  let stack: RunningStack | undefined;
  let control: StackControlServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stack-external-'));
    await chmod(dir, 0o755); // as root, PostgreSQL runs as `postgres`, which must enter it
    postgres = await startLocalPostgres({
      dataDir: join(dir, 'callers-postgres'),
      port: await findFreePort(),
      settings: { fsync: 'off' },
    });
    amqp = await CallerBroker.start(await findFreePort());
    const everyPortFree = Object.keys(stackConfigSchema.shape)
      .filter((key) => key.endsWith('_PORT'))
      .map((key) => [key, '0'] as const);
    const config = loadConfig('stack', stackConfigSchema, {
      ...Object.fromEntries(everyPortFree),
      STACK_DATA_DIR: join(dir, 'stack'),
      POSTGRES_URL: postgres.url('postgres'),
      AMQP_URL: amqp.url,
    });
    stack = await startStack({
      config,
      root: findRepoRoot(import.meta.dirname),
      callerComponents: [amqp],
    });
    control = await serveStackControl(stack);
  }, 300_000);

  afterAll(async () => {
    await control.close();
    await stack?.stop();
    await amqp.stop();
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates, migrates and seeds each service's database on the given PostgreSQL", async () => {
    expect(stack!.addresses.ports.POSTGRES_PORT).toBe(postgres.port);
    const databases = await query(
      postgres.url('postgres'),
      'SELECT datname FROM pg_database ORDER BY datname',
    );
    expect(databases.map((row) => row.datname)).toEqual(
      expect.arrayContaining(['analytics', 'checkout', 'enrollment', 'notification', 'payment']),
    );
    expect(new URL(stack!.databaseUrls.checkout!).port).toBe(String(postgres.port));
    const courses = await query(postgres.url('checkout'), 'SELECT count(*)::int AS n FROM courses');
    expect(courses[0]!.n).toBeGreaterThan(0);
  });

  it("stops and starts the caller's component through the control API", async () => {
    const remote = new StackControl(control.url, control.token);
    const describedAmqp = async () =>
      (await remote.describe()).components.find((c) => c.name === 'amqp');

    await remote.component('amqp').stop();
    expect(amqp.running).toBe(false);
    expect(await describedAmqp()).toEqual({ name: 'amqp', kind: 'broker', running: false });

    await remote.component('amqp').start();
    expect(amqp.running).toBe(true);
    expect(await describedAmqp()).toEqual({ name: 'amqp', kind: 'broker', running: true });
  });

  it("leaves the caller's component and database running when it stops", async () => {
    await stack!.stop();
    stack = undefined;
    expect(amqp.running).toBe(true);
    expect(await query(postgres.url('checkout'), 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

/** The embedded AMQP broker as a component the test owns: stopped and started on one port. */
class CallerBroker implements Component {
  readonly kind = 'broker' as const;
  readonly name = 'amqp';
  private constructor(
    private readonly port: number,
    private broker: RunningBroker | undefined,
  ) {}

  static async start(port: number): Promise<CallerBroker> {
    return new CallerBroker(port, await startAmqpBroker({ port }));
  }

  get url(): string {
    return `amqp://guest:guest@127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.broker !== undefined;
  }

  async start(): Promise<void> {
    this.broker ??= await startAmqpBroker({ port: this.port });
  }

  async stop(): Promise<void> {
    await this.broker?.stop();
    this.broker = undefined;
  }
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}
