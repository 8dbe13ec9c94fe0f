import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';
import { messageKinds } from '@shop/contracts';
import type { StackAddresses } from '../stack-components.js';

/** What a poison injection sent, and where. */
export interface PoisonSent {
  readonly messageId: string;
  readonly to: string;
  readonly body: string;
}

// Valid JSON, but no CloudEvents envelope and no `data`: every consumer must refuse it.
const poisonBody = (messageId: string) =>
  JSON.stringify({ id: messageId, poison: 'injected by the fault API', data: { orderId: 42 } });

/** One malformed grant-seat command on enrollment's exchange, as the stack's admin user. */
export async function sendPoisonCommand(at: StackAddresses): Promise<PoisonSent> {
  const { route, type } = messageKinds['enrollment.grant-seat.v1'];
  const messageId = randomUUID();
  const body = poisonBody(messageId);
  const connection = await amqp.connect(at.amqpUrl);
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(route.exchange, route.routingKey, Buffer.from(body), {
      messageId,
      type,
      contentType: 'application/json',
      persistent: true,
    });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
  return { messageId, to: `exchange ${route.exchange} (${route.routingKey})`, body };
}

/** One malformed order.completed.v1 event, as the stack's admin user. */
export async function sendPoisonEvent(at: StackAddresses): Promise<PoisonSent> {
  const { route } = messageKinds['order.completed.v1'];
  const messageId = randomUUID();
  const body = poisonBody(messageId);
  const admin = at.kafkaAdmin;
  const kafka = new Kafka({
    clientId: 'stack-fault-api',
    brokers: at.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
    ...(admin
      ? { sasl: { mechanism: 'plain', username: admin.username, password: admin.password } }
      : {}),
  });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: route.topic, messages: [{ key: messageId, value: body }] });
  } finally {
    await producer.disconnect();
  }
  return { messageId, to: `topic ${route.topic}`, body };
}
