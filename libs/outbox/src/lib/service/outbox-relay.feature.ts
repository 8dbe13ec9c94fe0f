import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { brokerList } from '@shop/messaging';
import { SERVICE_LOGGER, type ReadinessCheck, type ServiceFeature } from '@shop/platform';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import pg from 'pg';
import { AmqpPublisher } from '../publishers/amqp.publisher.js';
import { KafkaPublisher } from '../publishers/kafka.publisher.js';
import { OutboxRelay } from '../relay/outbox-relay.js';
import type { OutboxRelayLogger } from '../relay/outbox-relay.options.js';
import type { OutboxRelayConfig } from './outbox-relay.config.js';

/** The service's relay; null when `OUTBOX_RELAY_ENABLED` is false. */
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');

export interface OutboxRelayFeatureSettings {
  /** The producing service: the Kafka client id is `<service>-outbox`. */
  readonly service: string;
  readonly config: OutboxRelayConfig;
  /** Publish the KAFKA rows to these brokers (`KAFKA_BROKERS`). */
  readonly kafkaBrokers?: string;
  /** The service's Kafka login (`kafkaSasl(config)` of `@shop/messaging`). */
  readonly kafkaSasl?: SASLOptions | undefined;
  /** Publish the AMQP rows to this broker (each row names its exchange and routing key). */
  readonly amqpUrl?: string;
}

/**
 * The relay of the service's `outbox_messages`, for `ServiceModule.forRoot({
 * features })`: it starts once the app is up, stops (its batch in flight
 * first) on shutdown, and its lag is a readiness check. A broker that stays
 * unreachable shows up as growing lag; a short outage does not take the
 * service out of rotation (the outbox holds its messages).
 */
export function outboxRelay(settings: OutboxRelayFeatureSettings): ServiceFeature {
  const { config } = settings;
  return {
    providers: [
      {
        provide: OUTBOX_RELAY,
        inject: [SERVICE_LOGGER],
        useFactory: (logger: OutboxRelayLogger) =>
          config.OUTBOX_RELAY_ENABLED ? new RunningRelay(settings, logger) : null,
      },
    ],
    exports: [OUTBOX_RELAY],
    readiness: {
      inject: [OUTBOX_RELAY],
      use: (relay: RunningRelay | null) => outboxReadiness(relay, config.OUTBOX_MAX_LAG_MS),
    },
  };
}

/** One relay on its own small pool, tied to the app's lifecycle. */
class RunningRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;
  private readonly pool: pg.Pool;

  constructor(settings: OutboxRelayFeatureSettings, logger: OutboxRelayLogger) {
    this.pool = new pg.Pool({ connectionString: settings.config.DATABASE_URL, max: 3 });
    // An idle client's error (the database restarted) must not crash the process.
    this.pool.on('error', (error) => {
      logger.warn({ err: error }, 'outbox relay pool lost a connection');
    });
    const kafka =
      settings.kafkaBrokers === undefined
        ? undefined
        : new Kafka({
            clientId: `${settings.service}-outbox`,
            brokers: brokerList(settings.kafkaBrokers),
            logLevel: logLevel.NOTHING,
            ...(settings.kafkaSasl ? { sasl: settings.kafkaSasl } : {}),
          });
    this.relay = new OutboxRelay({
      pool: this.pool,
      publishers: {
        ...(kafka ? { KAFKA: new KafkaPublisher(kafka) } : {}),
        ...(settings.amqpUrl ? { AMQP: new AmqpPublisher({ url: settings.amqpUrl }) } : {}),
      },
      pollIntervalMs: settings.config.OUTBOX_POLL_INTERVAL_MS,
      logger,
      name: settings.service,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.pool.end();
  }
}

function outboxReadiness(running: RunningRelay | null, maxLagMs: number): ReadinessCheck {
  return {
    name: 'outbox',
    check: async () => {
      if (!running) return;
      const { unsent, oldestUnsentAgeMs } = await running.relay.lag();
      if (oldestUnsentAgeMs > maxLagMs) {
        throw new Error(
          `${unsent} unsent message(s), the oldest ${oldestUnsentAgeMs} ms old (limit ${maxLagMs} ms)`,
        );
      }
    },
  };
}
