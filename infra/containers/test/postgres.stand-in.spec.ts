import pg from 'pg';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_IMAGES } from '../src/index.js';
import { skipReasonFor, STARTUP_TIMEOUT_MS } from './support/container-engine.js';

const image = STAND_IN_IMAGES.postgres ?? '';
const skip = await skipReasonFor('postgres stand-in', image);

describe.skipIf(skip !== undefined)(
  'the postgres stand-in, started as the official image is',
  () => {
    let container: StartedTestContainer;
    let client: pg.Client;

    beforeAll(async () => {
      container = await new GenericContainer(image)
        .withEnvironment({
          POSTGRES_PASSWORD: 'shop-secret',
          POSTGRES_USER: 'shop',
          POSTGRES_DB: 'shop_orders',
        })
        .withCopyContentToContainer([
          {
            content:
              "CREATE TABLE seeded (note text); INSERT INTO seeded VALUES ('from initdb.d');",
            target: '/docker-entrypoint-initdb.d/01-seed.sql',
          },
        ])
        .withExposedPorts(5432)
        // The temporary init server, then the real one (as testcontainers' PostgreSQL module waits).
        .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
        .withStartupTimeout(STARTUP_TIMEOUT_MS)
        .start();
      client = new pg.Client({
        host: container.getHost(),
        port: container.getMappedPort(5432),
        user: 'shop',
        password: 'shop-secret',
        database: 'shop_orders',
      });
      await client.connect();
    });
    afterAll(async () => {
      await client.end();
      await container.stop();
    });

    it('creates POSTGRES_DB owned by POSTGRES_USER and accepts its password over TCP', async () => {
      const { rows } = await client.query<{ db: string; owner: string; version: string }>(
        `SELECT current_database() AS db, pg_get_userbyid(datdba) AS owner,
              current_setting('server_version') AS version
       FROM pg_database WHERE datname = current_database()`,
      );
      expect(rows[0]).toEqual({ db: 'shop_orders', owner: 'shop', version: '18.4' });
    });

    it('runs the init scripts of /docker-entrypoint-initdb.d in POSTGRES_DB on first start', async () => {
      const { rows } = await client.query<{ note: string }>('SELECT note FROM seeded');
      expect(rows).toEqual([{ note: 'from initdb.d' }]);
    });

    it('answers pg_isready for healthchecks and runs the server as postgres', async () => {
      const ready = await container.exec(['pg_isready', '-U', 'shop']);
      expect(ready.exitCode).toBe(0);
      const owner = await container.exec(['sh', '-c', 'stat -c %U "$PGDATA"/PG_VERSION']);
      expect(owner.output.trim()).toBe('postgres');
    });
  },
);
