import type { KafkaOptions } from '@nestjs/microservices';
import kafkajs, { type SASLOptions } from 'kafkajs';

/** How fast the group notices that a member died (defaults: `DEFAULT_KAFKA_CONSUMER_TIMING`). */
export interface KafkaConsumerTiming {
  /** kafkajs `sessionTimeout`: a member silent this long is dropped and its partitions handed on. */
  readonly sessionTimeoutMs?: number;
  /** kafkajs `heartbeatInterval`: least time between heartbeats. */
  readonly heartbeatIntervalMs?: number;
  /** kafkajs `maxWaitTimeInMs`: an idle consumer heartbeats only between fetches this long. */
  readonly maxWaitTimeMs?: number;
  /**
   * Most messages of one partition handled in one database transaction
   * (`KafkaBatchRunner`); 1 handles each alone. Default `DEFAULT_MAX_BATCH_MESSAGES`.
   */
  readonly maxBatchMessages?: number;
}

/**
 * A batch is what one fetch brought, never waited for: one message at low
 * load. 50 bounds how long a batch's transaction holds its rows and how much
 * a poison message sends back through the one-by-one path.
 */
export const DEFAULT_MAX_BATCH_MESSAGES = 50;

/**
 * A crashed member holds its partitions until its session lapses, so its
 * successor waits up to `sessionTimeoutMs`: 6 s is the brokers' lowest
 * allowed. kafkajs heartbeats only between fetches, so an idle fetch must
 * return well within the session (its 5 s default would leave 1 s of slack).
 */
export const DEFAULT_KAFKA_CONSUMER_TIMING: Required<
  Omit<KafkaConsumerTiming, 'maxBatchMessages'>
> = {
  sessionTimeoutMs: 6_000,
  heartbeatIntervalMs: 1_000,
  maxWaitTimeMs: 1_000,
};

/** Where a service's consumer connects and which group it joins. */
export interface KafkaConsumerSettings extends KafkaConsumerTiming {
  /** Bootstrap brokers: `host:port` list, or the comma-separated `KAFKA_BROKERS` value. */
  readonly brokers: string | readonly string[];
  /** The service's consumer group: all its instances share the topics' partitions. */
  readonly groupId: string;
  /** The service's Kafka login (`kafkaSasl(config)`); none on a PLAINTEXT listener. */
  readonly sasl?: SASLOptions | undefined;
}

/** Splits `KAFKA_BROKERS` (`a:9092,b:9092`) into the list kafkajs wants. */
export function brokerList(brokers: string | readonly string[]): string[] {
  const list = typeof brokers === 'string' ? brokers.split(',') : [...brokers];
  return list.map((broker) => broker.trim()).filter((broker) => broker.length > 0);
}

/**
 * Options of Nest's Kafka transport for a consumer of CloudEvents: the group id
 * exactly as given, the raw bytes of each value (to validate them and to
 * dead-letter them unchanged), and a group that has never committed starts at
 * the beginning of the topics, so nothing published before it first ran is missed.
 */
export function kafkaConsumerOptions(
  settings: KafkaConsumerSettings,
): NonNullable<KafkaOptions['options']> {
  return {
    // Nest appends "-server" to client and group ids by default; the group is a contract.
    postfixId: '',
    client: {
      clientId: settings.groupId,
      brokers: brokerList(settings.brokers),
      ...(settings.sasl ? { sasl: settings.sasl } : {}),
    },
    consumer: {
      groupId: settings.groupId,
      allowAutoTopicCreation: true,
      // A real coordinator keeps a group's members across its own restart and
      // holds the next rebalance until each one that does not come back (a
      // crashed instance, or this one under a new member id after its broker
      // returned) misses its session: at kafkajs's 30 s default, consumers
      // stood still for half a minute after every broker restart.
      sessionTimeout: settings.sessionTimeoutMs ?? DEFAULT_KAFKA_CONSUMER_TIMING.sessionTimeoutMs,
      heartbeatInterval:
        settings.heartbeatIntervalMs ?? DEFAULT_KAFKA_CONSUMER_TIMING.heartbeatIntervalMs,
      maxWaitTimeInMs: settings.maxWaitTimeMs ?? DEFAULT_KAFKA_CONSUMER_TIMING.maxWaitTimeMs,
    },
    // Dead letters go out through the transport's own producer: acks from all replicas, no duplicates on retry.
    producer: {
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
      // The partitioner of Kafka's Java client: a DLQ entry lands where a Java producer would put its key.
      createPartitioner: kafkajs.Partitioners.DefaultPartitioner,
    },
    parser: { keepBinary: true },
    subscribe: { fromBeginning: true },
    // One partition at a time, its messages in order, keeps per-key order; an
    // offset is committed only after the handler (or its batch) committed.
    run: { autoCommit: true, partitionsConsumedConcurrently: 1 },
  };
}
