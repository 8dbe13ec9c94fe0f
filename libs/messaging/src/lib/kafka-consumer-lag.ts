import { readWithin, shopMeter, type BatchObservableCallback } from '@shop/metrics';
import type { Admin } from 'kafkajs';

/** The admin requests the lag needs (kafkajs's `Admin`, or Nest's re-typing of it). */
export type OffsetsAdmin = Pick<
  Admin,
  'connect' | 'disconnect' | 'fetchOffsets' | 'fetchTopicOffsets'
>;

const meter = shopMeter('@shop/messaging');
const lag = meter.createObservableGauge('messaging.kafka.consumer.lag', {
  unit: '{message}',
  description:
    "Messages in a partition the consumer group has not committed yet: the partition's end offset minus the group's committed offset.",
});

// A scrape must not wait on a broker that is away: no reading instead.
const READ_TIMEOUT_MS = 2_000;

/**
 * The consumer group's lag per topic and partition, read from the broker at
 * each scrape with Kafka's admin API (the same two requests as
 * `kafka-consumer-groups --describe`: the group's committed offsets and each
 * partition's end). Labels: group, topic, partition — all bounded by the
 * topics the service subscribes to.
 */
export class ConsumerLagObserver {
  private connected: Promise<void> | undefined;
  private readonly observe: BatchObservableCallback = async (result) => {
    const readings = await readWithin(this.read(), READ_TIMEOUT_MS).catch(() => []);
    for (const { topic, partition, value } of readings) {
      result.observe(lag, value, {
        'messaging.system': 'kafka',
        'messaging.consumer.group.name': this.group,
        'messaging.destination.name': topic,
        'messaging.destination.partition.id': String(partition),
      });
    }
  };

  constructor(
    private readonly admin: OffsetsAdmin,
    private readonly group: string,
    private readonly topics: readonly string[],
  ) {}

  start(): void {
    meter.addBatchObservableCallback(this.observe, [lag]);
  }

  async stop(): Promise<void> {
    meter.removeBatchObservableCallback(this.observe, [lag]);
    if (this.connected) await this.admin.disconnect();
  }

  private async read(): Promise<{ topic: string; partition: number; value: number }[]> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    const committed = await this.admin.fetchOffsets({
      groupId: this.group,
      topics: [...this.topics],
    });
    const readings = await Promise.all(
      committed.map(async ({ topic, partitions }) => {
        const ends = await this.admin.fetchTopicOffsets(topic);
        return ends.map((end) => {
          const offset = Number(
            partitions.find((p) => p.partition === end.partition)?.offset ?? -1,
          );
          // A group that has not committed yet starts at the beginning (`fromBeginning`).
          const from = offset >= 0 ? offset : Number(end.low);
          return { topic, partition: end.partition, value: Math.max(0, Number(end.high) - from) };
        });
      }),
    );
    return readings.flat();
  }
}
