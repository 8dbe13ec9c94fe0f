import type { Pool, PoolClient } from 'pg';

export interface NotificationListenerOptions {
  readonly pool: Pool;
  readonly channel: string;
  /** Called for every notification, and after every (re)connect because notifications sent while disconnected are lost. */
  readonly onWake: () => void;
  readonly onError: (error: unknown) => void;
  readonly reconnectDelayMs: number;
}

/**
 * Holds one pooled connection in LISTEN. When that connection dies it is
 * discarded and a new one LISTENs after `reconnectDelayMs`, until `close`.
 */
export class NotificationListener {
  private client: PoolClient | undefined;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: NotificationListenerOptions) {}

  /** Resolves once listening, or once the first attempt failed (a retry is then scheduled). */
  async open(): Promise<void> {
    const { pool, channel, onWake, onError } = this.options;
    let client: PoolClient | undefined;
    try {
      client = await pool.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onWake();
      });
      client.on('error', (error) => {
        this.lost(client, error);
      });
      client.on('end', () => {
        this.lost(client, new Error('LISTEN connection ended'));
      });
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      if (this.closed) {
        this.discard(client);
        return;
      }
      this.client = client;
      onWake();
    } catch (error) {
      if (client) this.discard(client, error);
      onError(error);
      this.scheduleReconnect();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.query(`UNLISTEN ${quoteIdentifier(this.options.channel)}`);
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
    }
  }

  private lost(client: PoolClient | undefined, error: unknown): void {
    if (!client || this.client !== client) return;
    this.client = undefined;
    this.discard(client, error);
    this.options.onError(error);
    this.scheduleReconnect();
  }

  private discard(client: PoolClient, error: unknown = true): void {
    // A released-with-error client is destroyed rather than returned to the pool.
    try {
      client.release(error instanceof Error ? error : true);
    } catch {
      // Already released: nothing left to do.
    }
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.open(), this.options.reconnectDelayMs);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
