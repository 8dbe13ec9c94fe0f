import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { KafkaPublisher, OutboxRelay, type OutboxLag } from '@shop/outbox';
import type { ReadinessCheck } from '@shop/platform';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import type { ServiceLogger as Logger } from '../service-logger.js';

export interface SeatEventsRelayOptions {
  readonly databaseUrl: string;
  /** Comma-separated `host:port` list. */
  readonly kafkaBrokers: string;
  readonly maxLagMs: number;
  readonly logger: Logger;
}

/**
 * Enrollment's outbox relay: sends the seat events its transactions wrote to
 * Kafka. Runs with the app; on shutdown it finishes the batch in flight.
 */
export class SeatEventsRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly pool: pg.Pool;
  private readonly relay: OutboxRelay;

  constructor(private readonly options: SeatEventsRelayOptions) {
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3 });
    // An idle client losing its server must not crash the process; the relay reconnects.
    this.pool.on('error', (error) => {
      options.logger.warn({ err: error }, 'outbox relay pool lost a connection');
    });
    const kafka = new Kafka({
      clientId: 'enrollment-outbox',
      brokers: options.kafkaBrokers.split(',').map((broker) => broker.trim()),
      logLevel: logLevel.NOTHING,
    });
    this.relay = new OutboxRelay({
      pool: this.pool,
      publishers: { KAFKA: new KafkaPublisher(kafka) },
      logger: options.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.pool.end();
  }

  lag(): Promise<OutboxLag> {
    return this.relay.lag();
  }

  /** Readiness fails while the oldest unsent event is older than `maxLagMs` (Kafka unreachable). */
  readiness(): ReadinessCheck {
    return {
      name: 'outbox',
      check: async () => {
        const { unsent, oldestUnsentAgeMs } = await this.lag();
        if (oldestUnsentAgeMs > this.options.maxLagMs) {
          throw new Error(`${unsent} unsent event(s), the oldest ${oldestUnsentAgeMs} ms old`);
        }
      },
    };
  }
}
