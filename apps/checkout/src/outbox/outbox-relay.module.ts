import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { messageKinds } from '@shop/contracts';
import { AmqpPublisher, KafkaPublisher, OutboxRelay } from '@shop/outbox';
import type { ReadinessCheck } from '@shop/platform';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import type { CheckoutConfig } from '../config.js';

/** The relay of checkout's outbox; absent when OUTBOX_RELAY_ENABLED is false. */
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');

/** Starts the relay once the app is up and stops it (batch in flight first) on shutdown. */
class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay | null,
    private readonly pool: pg.Pool | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.pool?.end();
  }
}

/**
 * One OutboxRelay for checkout's `outbox_messages`: AMQP rows (grant-seat
 * commands) to exchange `enrollment.commands`, Kafka rows (order events) to
 * KAFKA_BROKERS. Global, so the app's readiness can ask for its lag.
 */
@Module({})
export class OutboxRelayModule {
  static forRoot(config: CheckoutConfig): DynamicModule {
    const relayed = config.OUTBOX_RELAY_ENABLED;
    const pool = relayed ? new pg.Pool({ connectionString: config.DATABASE_URL, max: 3 }) : null;
    // An idle client's error (the database restarted) must not crash the process.
    pool?.on('error', () => undefined);
    return {
      module: OutboxRelayModule,
      global: true,
      providers: [
        { provide: OUTBOX_RELAY, useFactory: () => (pool ? createRelay(config, pool) : null) },
        {
          provide: OutboxRelayLifecycle,
          inject: [OUTBOX_RELAY],
          useFactory: (relay: OutboxRelay | null) => new OutboxRelayLifecycle(relay, pool),
        },
      ],
      exports: [OUTBOX_RELAY],
    };
  }
}

function createRelay(config: CheckoutConfig, pool: pg.Pool): OutboxRelay {
  const logger = new Logger('OutboxRelay');
  const brokers = config.KAFKA_BROKERS.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const kafka = new Kafka({ clientId: 'checkout-outbox', brokers, logLevel: logLevel.NOTHING });
  return new OutboxRelay({
    pool,
    publishers: {
      AMQP: new AmqpPublisher({
        url: config.AMQP_URL,
        exchange: messageKinds['enrollment.grant-seat.v1'].route.exchange,
      }),
      KAFKA: new KafkaPublisher(kafka),
    },
    pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    logger: {
      warn: (context, message) => {
        logger.warn({ ...context, msg: message });
      },
    },
  });
}

/**
 * Readiness of the outbox: its lag can be read and the oldest unsent row is
 * younger than `maxLagMs`. A broker that stays unreachable shows up here as
 * growing lag, while a short outage does not take the service out of rotation
 * (orders are still accepted; the outbox holds their messages).
 */
export function outboxReadiness(relay: OutboxRelay | null, maxLagMs: number): ReadinessCheck {
  return {
    name: 'outbox',
    check: async () => {
      if (!relay) return;
      const { unsent, oldestUnsentAgeMs } = await relay.lag();
      if (oldestUnsentAgeMs > maxLagMs) {
        throw new Error(
          `${unsent} unsent message(s), the oldest ${oldestUnsentAgeMs} ms old (limit ${maxLagMs} ms)`,
        );
      }
    },
  };
}
