import amqp from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';
import { inject } from 'vitest';
import type { OutboxRow } from './purchase-effects.js';

export const GRANT_SEAT = {
  exchange: 'enrollment.commands',
  queue: 'enrollment.grant-seat',
  parking: 'enrollment.grant-seat.parking',
} as const;

/**
 * Publishes a message again exactly as an outbox relay did (same CloudEvent
 * id, key and headers): a duplicate delivery, as a retrying relay or a
 * redelivering broker would cause.
 */
export async function republish(
  row: OutboxRow,
  at: { amqpUrl: string; kafkaBrokers: string },
): Promise<KafkaPosition | undefined> {
  if (row.destination === 'KAFKA') return republishToKafka(row, at.kafkaBrokers);
  await republishToAmqp(row, at.amqpUrl);
  return undefined;
}

/** Where a Kafka message landed. */
export interface KafkaPosition {
  topic: string;
  partition: number;
  offset: number;
}

async function republishToAmqp(row: OutboxRow, url: string): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(GRANT_SEAT.exchange, row.topic, Buffer.from(JSON.stringify(row.payload)), {
      persistent: true,
      mandatory: true,
      messageId: row.payload.id,
      contentType: 'application/cloudevents+json',
      headers: row.headers,
    });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

// The stack's Kafka takes SASL/PLAIN logins only: test clients are its admin.
const kafkaOf = (brokers: string) => {
  const admin = inject('stack').kafkaAdmin;
  return new Kafka({
    clientId: 'e2e',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    ...(admin ? { sasl: { mechanism: 'plain', ...admin } } : {}),
  });
};

async function republishToKafka(row: OutboxRow, brokers: string): Promise<KafkaPosition> {
  const producer = kafkaOf(brokers).producer();
  await producer.connect();
  try {
    const [sent] = await producer.send({
      topic: row.topic,
      acks: -1,
      messages: [
        {
          key: row.message_key,
          value: JSON.stringify(row.payload),
          headers: { 'content-type': 'application/cloudevents+json', ...row.headers },
        },
      ],
    });
    if (!sent) throw new Error(`no acknowledgement from ${row.topic}`);
    return {
      topic: row.topic,
      partition: sent.partition,
      offset: Number(sent.baseOffset ?? sent.offset),
    };
  } finally {
    await producer.disconnect();
  }
}

/** The next offset `groupId` will read from a partition (what it committed), or -1. */
export async function committedOffset(
  brokers: string,
  groupId: string,
  at: KafkaPosition,
): Promise<number> {
  const admin = kafkaOf(brokers).admin();
  await admin.connect();
  try {
    const [topic] = await admin.fetchOffsets({ groupId, topics: [at.topic] });
    const partition = topic?.partitions.find((p) => p.partition === at.partition);
    return Number(partition?.offset ?? -1);
  } finally {
    await admin.disconnect();
  }
}

export interface ParkedCommand {
  subject: string | undefined;
  reason: string | undefined;
  code: string | undefined;
}

/** The parking lot's messages, looked at and put back (nothing is consumed). */
export async function parkedCommands(url: string): Promise<ParkedCommand[]> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    const parked: ParkedCommand[] = [];
    const taken: amqp.GetMessage[] = [];
    for (;;) {
      const message = await channel.get(GRANT_SEAT.parking, { noAck: false });
      if (message === false) break;
      taken.push(message);
      const headers = message.properties.headers ?? {};
      const event = JSON.parse(message.content.toString()) as { subject?: string };
      parked.push({
        subject: event.subject,
        reason: headers['x-parking-reason'] as string | undefined,
        code: headers['x-parking-code'] as string | undefined,
      });
    }
    for (const message of taken) channel.nack(message, false, true);
    await channel.close();
    return parked;
  } finally {
    await connection.close();
  }
}

/** Removes the parked commands about `subject` (an order id), leaving the others parked. */
export function dropParked(url: string, subject: string): Promise<number> {
  return dropParkedWhere(url, (event) => event.subject === subject);
}

/** Removes the parked commands `drop` picks (by their body or AMQP message id), leaving the others. */
export async function dropParkedWhere(
  url: string,
  drop: (event: { subject?: string; id?: string }, messageId: string | undefined) => boolean,
): Promise<number> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    const taken: amqp.GetMessage[] = [];
    for (;;) {
      const message = await channel.get(GRANT_SEAT.parking, { noAck: false });
      if (message === false) break;
      taken.push(message);
    }
    let dropped = 0;
    for (const message of taken) {
      const event = JSON.parse(message.content.toString()) as { subject?: string; id?: string };
      if (drop(event, message.properties.messageId as string | undefined)) {
        channel.ack(message);
        dropped++;
      } else channel.nack(message, false, true);
    }
    await channel.close();
    return dropped;
  } finally {
    await connection.close();
  }
}
