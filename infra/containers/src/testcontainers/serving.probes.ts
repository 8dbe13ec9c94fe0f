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

/** AMQP answers, and so does the management API when given (an administrator's URL). */
export function amqpServes(url: string, managementUrl?: string): ServingProbe {
  return (timeoutMs, exited) =>
    pollUntil(`AMQP at ${withoutPassword(url)}`, timeoutMs, exited, async () => {
      const connection = await amqp.connect(url, { timeout: 2_000 });
      await connection.close();
      if (managementUrl !== undefined) await managementAnswers(managementUrl);
    });
}

/** The broker serves Metadata to `sasl`'s user (its listener answers nobody before SASL). */
export function kafkaServes(
  brokers: string,
  sasl: { readonly username: string; readonly password: string },
): ServingProbe {
  return (timeoutMs, exited) => untilKafkaServes(brokers, { timeoutMs, exited, sasl });
}

async function managementAnswers(managementUrl: string): Promise<void> {
  const url = new URL('/api/overview', managementUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  url.username = '';
  url.password = '';
  const response = await fetch(url, {
    headers: { authorization },
    signal: AbortSignal.timeout(2_000),
  });
  if (!response.ok) throw new Error(`management API: ${response.status} ${response.statusText}`);
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
