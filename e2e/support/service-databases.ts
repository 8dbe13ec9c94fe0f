import pg from 'pg';

/**
 * Read-mostly access to each service's own database, for effects no API
 * exposes: payments, seats and enrollments, receipts, course stats, outboxes.
 */
export class ServiceDatabases {
  private readonly pools = new Map<string, pg.Pool>();

  constructor(private readonly urls: Record<string, string>) {}

  async query<Row extends pg.QueryResultRow>(
    service: string,
    sql: string,
    params: unknown[] = [],
  ): Promise<Row[]> {
    return (await this.pool(service).query<Row>(sql, params)).rows;
  }

  async count(service: string, sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ count: string }>(service, sql, params);
    return Number(row?.count ?? 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
    this.pools.clear();
  }

  private pool(service: string): pg.Pool {
    let pool = this.pools.get(service);
    if (!pool) {
      const url = this.urls[service];
      if (!url) throw new Error(`no database for ${service}`);
      pool = new pg.Pool({ connectionString: url, max: 3 });
      // An idle connection dies if PostgreSQL restarts; the next query reconnects.
      pool.on('error', () => undefined);
      this.pools.set(service, pool);
    }
    return pool;
  }
}
