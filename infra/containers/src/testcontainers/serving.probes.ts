import { setTimeout as delay } from 'node:timers/promises';
import { waitUntilServing as untilKafkaServes } from '@shop/real-kafka';
import amqp from 'amqplib';
import pg from 'pg';

/**
 * Resolves once the engine answers its own protocol from this machine. A port
 * that accepts connections is not enough: Docker's port proxy accepts them
 * while nothing listens inside the container.
 */
export type ServingProbe = (timeoutMs: number) => Promise<void>;

export function postgresServes(url: string): ServingProbe {
  return (timeoutMs) =>
    pollUntil(`PostgreSQL at ${withoutPassword(url)}`, timeoutMs, async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => undefined);
      }
    });
}

export function amqpServes(url: string): ServingProbe {
  return (timeoutMs) =>
    pollUntil(`AMQP at ${withoutPassword(url)}`, timeoutMs, async () => {
      const connection = await amqp.connect(url, { timeout: 2_000 });
      await connection.close();
    });
}

export function kafkaServes(brokers: string): ServingProbe {
  return (timeoutMs) => untilKafkaServes(brokers, { timeoutMs });
}

async function pollUntil(what: string, timeoutMs: number, attempt: () => Promise<void>) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await attempt();
      return;
    } catch (error) {
      lastError = error;
    }
    await delay(250);
  }
  throw new Error(`${what} not serving within ${timeoutMs} ms: ${String(lastError)}`);
}

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
