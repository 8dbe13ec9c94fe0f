import { retryQueueOf } from '@shop/contracts';
import { readWithin, shopMeter, type BatchObservableCallback } from '@shop/metrics';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { grantSeatRoute, parkingQueue, type RetryPlan } from './grant-seat.topology.js';

const meter = shopMeter('@shop/enrollment');
const depth = meter.createObservableGauge('messaging.amqp.queue.depth', {
  unit: '{message}',
  description:
    'Messages ready in a queue of the command topology (the command queue, each delay queue, the parking lot: its depth is the parked commands), read from the broker at each scrape.',
});

// A scrape must not wait on a broker that is away (stopped or frozen): it reads nothing
// then, and the series keeps its last value (OpenTelemetry keeps an observable gauge's last one).
const READ_TIMEOUT_MS = 2_000;

/** The queues of the grant-seat topology: the command queue, its delay queues, the parking lot. */
export function commandQueuesOf(plan: RetryPlan): string[] {
  const delays = Array.from({ length: Math.max(0, plan.maxAttempts - 1) }, (_, i) =>
    retryQueueOf(grantSeatRoute.queue, i + 1),
  );
  return [grantSeatRoute.queue, ...delays, parkingQueue];
}

/**
 * The depth of each queue of the command topology, read at each scrape with
 * `queue.declare passive` (amqplib's `checkQueue`, what `rabbitmqctl
 * list_queues` shows as `messages_ready`) on a connection of its own, so a
 * scrape never shares a channel with the consumer. A queue that does not
 * exist (yet) closes the channel: it is opened again at the next scrape.
 * Labels: the queue names, fixed by the topology.
 */
export class AmqpQueueDepthObserver {
  private connection: Promise<ChannelModel> | undefined;
  private channel: Promise<Channel> | undefined;
  private readonly observe: BatchObservableCallback = async (result) => {
    const readings = await readWithin(this.read(), READ_TIMEOUT_MS).catch(() => {
      this.forget();
      return [];
    });
    for (const { queue, messages } of readings) {
      result.observe(depth, messages, {
        'messaging.system': 'rabbitmq',
        'messaging.destination.name': queue,
      });
    }
  };

  constructor(
    private readonly url: string,
    private readonly queues: readonly string[],
  ) {}

  start(): void {
    meter.addBatchObservableCallback(this.observe, [depth]);
  }

  async stop(): Promise<void> {
    meter.removeBatchObservableCallback(this.observe, [depth]);
    const connection = this.connection;
    this.forget();
    await connection?.then((c) => c.close()).catch(() => undefined);
  }

  private async read(): Promise<{ queue: string; messages: number }[]> {
    const channel = await this.openChannel();
    const readings: { queue: string; messages: number }[] = [];
    for (const queue of this.queues) {
      const { messageCount } = await channel.checkQueue(queue);
      readings.push({ queue, messages: messageCount });
    }
    return readings;
  }

  private openChannel(): Promise<Channel> {
    this.connection ??= connect(this.url).then((connection) => {
      connection.on('error', () => undefined);
      connection.on('close', () => {
        this.forget();
      });
      return connection;
    });
    this.channel ??= this.connection.then(async (connection) => {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => {
        this.channel = undefined;
      });
      return channel;
    });
    return this.channel;
  }

  /** After a failure: the next scrape connects again (a broker that restarted, a lost channel). */
  private forget(): void {
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    void connection?.then((c) => c.close()).catch(() => undefined);
  }
}
