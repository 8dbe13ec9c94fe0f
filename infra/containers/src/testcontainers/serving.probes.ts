import { setTimeout as delay } from 'node:timers/promises';
import { waitUntilServing as untilKafkaServes } from '@shop/real-kafka';
import amqp from 'amqplib';
import pg from 'pg';

/**
 * Resolves once the engine answers its own protocol from this machine. A port
 * that accepts connections is not enough: Docker's port proxy accepts them
 * while nothing listens inside the container.
 */
export type ServingProbe = (timeoutMs: number, exited?: () => boolean) => Promise<void>;

export function postgresServes(url: string): ServingProbe {
  return (timeoutMs, exited) =>
    pollUntil(`PostgreSQL at ${withoutPassword(url)}`, timeoutMs, exited, async () => {
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
  return (timeoutMs, exited) =>
    pollUntil(`AMQP at ${withoutPassword(url)}`, timeoutMs, exited, async () => {
      const connection = await amqp.connect(url, { timeout: 2_000 });
      await connection.close();
    });
}

export function kafkaServes(brokers: string): ServingProbe {
  return (timeoutMs, exited) => untilKafkaServes(brokers, { timeoutMs, exited });
}

async function pollUntil(
  what: string,
  timeoutMs: number,
  exited: (() => boolean) | undefined,
  attempt: () => Promise<void>,
) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exited?.()) throw new Error(`${what}: the container exited`);
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
