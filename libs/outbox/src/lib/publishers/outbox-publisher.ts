import type { OutboxMessage } from '../outbox-message.js';

/**
 * Sends one claimed row to its broker. `publish` resolves only once the broker
 * confirmed the message (Kafka acks=all, AMQP publisher confirm) and rejects
 * otherwise; the relay marks the row sent only after it resolves.
 */
export interface OutboxPublisher {
  publish(message: OutboxMessage): Promise<void>;
  /** Releases the broker connection; the relay calls it on `stop`. */
  close(): Promise<void>;
}
