import amqp from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { messageKinds, parkingQueueOf } from '@shop/contracts';
import { KAFKA_SERVICES, deadLetterTopics } from '@shop/messaging';
import type { StackDescription } from '../stack-control.server.js';

/** What the stack can tell about itself right now, without metrics. */
export interface StackReading {
  readonly components: string;
  /** Unsent outbox rows per database that has an outbox. */
  readonly outboxBacklog: Readonly<Record<string, number | string>>;
  /** Commands in enrollment's parking queue. */
  readonly parkedCommands: number | string;
  /** Messages ever dead-lettered per Kafka DLQ topic that has any (high-water mark). */
  readonly deadLetteredEvents: Readonly<Record<string, number>> | string;
}

/**
 * Reads the stack's state the way an operator without dashboards would:
 * `GET /stack`, each database's outbox, the parking queue, the DLQ topics.
 * What cannot be read (a broker down: the drill's point) says why instead.
 */
export async function readStack(stack: StackDescription): Promise<StackReading> {
  const [outboxBacklog, parkedCommands, deadLetteredEvents] = await Promise.all([
    readOutboxes(stack.databaseUrls),
    readParked(stack.amqpUrl),
    readDeadLetters(stack),
  ]);
  return {
    components: stack.components
      .map((c) => `${c.name}:${c.state ?? (c.running ? 'running' : 'stopped')}`)
      .join(' '),
    outboxBacklog,
    parkedCommands,
    deadLetteredEvents,
  };
}

// The metrics half of a reading (breaker, retries, outbox age, lag, error rate)
// is read from each service's /metrics: metrics-readings.ts.

async function readOutboxes(databaseUrls: Readonly<Record<string, string>>) {
  const backlog: Record<string, number | string> = {};
  for (const [service, url] of Object.entries(databaseUrls)) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ table: string | null }>(
        "SELECT to_regclass('outbox_messages')::text AS table",
      );
      if (rows[0]?.table == null) continue;
      const unsent = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM outbox_messages WHERE sent_at IS NULL',
      );
      backlog[service] = Number(unsent.rows[0]?.n ?? 0);
    } catch (error) {
      backlog[service] = `unreadable (${describe(error)})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return backlog;
}

async function readParked(amqpUrl: string): Promise<number | string> {
  const queue = parkingQueueOf(messageKinds['enrollment.grant-seat.v1'].route.queue);
  try {
    const connection = await amqp.connect(amqpUrl, { timeout: 3_000 });
    try {
      const channel = await connection.createChannel();
      return (await channel.checkQueue(queue)).messageCount;
    } finally {
      await connection.close();
    }
  } catch (error) {
    return `unreadable (${describe(error)})`;
  }
}

async function readDeadLetters(
  stack: StackDescription,
): Promise<Readonly<Record<string, number>> | string> {
  const admin = stack.kafkaAdminLogin;
  const kafka = new Kafka({
    clientId: 'stack-drill',
    brokers: stack.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
    ...(admin ? { sasl: { mechanism: 'plain', ...admin } } : {}),
  });
  const client = kafka.admin();
  try {
    await client.connect();
    const counts: Record<string, number> = {};
    for (const topic of KAFKA_SERVICES.flatMap(deadLetterTopics)) {
      const offsets = await client.fetchTopicOffsets(topic);
      const total = offsets.reduce((sum, p) => sum + Number(p.high), 0);
      if (total > 0) counts[topic] = total;
    }
    return counts;
  } catch (error) {
    return `unreadable (${describe(error)})`;
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
