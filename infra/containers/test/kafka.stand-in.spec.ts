import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STAND_IN_IMAGES } from '../src/index.js';
import { skipReasonFor, STARTUP_TIMEOUT_MS } from './support/container-engine.js';
import { freePort } from './support/free-port.js';

const image = STAND_IN_IMAGES.kafka ?? '';
const skip = await skipReasonFor('kafka stand-in', image);

// No CLUSTER_ID: the official default applies, as it does for the image.
// A client outside the container must be told an address it can reach: the
// host port is chosen first, published as is and advertised (the EXTERNAL
// listener); the broker talks to itself on an internal one.
function kraftEnvironment(hostPort: number): Record<string, string> {
  return {
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_LISTENERS: 'EXTERNAL://0.0.0.0:9092,INTERNAL://0.0.0.0:19092,CONTROLLER://0.0.0.0:9093',
    KAFKA_ADVERTISED_LISTENERS: `EXTERNAL://127.0.0.1:${hostPort},INTERNAL://localhost:19092`,
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:
      'EXTERNAL:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
    KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
  };
}

describe.skipIf(skip !== undefined)('the kafka stand-in, configured by KAFKA_* variables', () => {
  let container: StartedTestContainer;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: Consumer;

  beforeAll(async () => {
    const hostPort = await freePort();
    container = await new GenericContainer(image)
      .withEnvironment(kraftEnvironment(hostPort))
      .withExposedPorts({ container: 9092, host: hostPort })
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .start();
    kafka = new Kafka({
      clientId: 'stand-in-spec',
      brokers: [`127.0.0.1:${hostPort}`],
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    consumer = kafka.consumer({ groupId: 'stand-in-spec' });
  });
  afterAll(async () => {
    await consumer.disconnect();
    await producer.disconnect();
    await container.stop();
  });

  it('writes each variable as its server.properties key', async () => {
    const config = await container.exec(['cat', '/opt/kafka/config/server.properties']);
    expect(config.output).toContain('group.initial.rebalance.delay.ms=0');
    expect(config.output).toContain('controller.quorum.voters=1@localhost:9093');
    expect(config.output).toContain('log.dirs=/var/lib/kafka/data');
  });

  it('delivers a record produced on the advertised host port to a consumer group', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'stand-in.orders', numPartitions: 1 }] });
    await admin.disconnect();
    await producer.connect();
    // A new partition's leader reaches every metadata cache a moment after creation.
    await vi.waitFor(
      () =>
        producer.send({ topic: 'stand-in.orders', messages: [{ key: 'o-1', value: 'placed' }] }),
      { timeout: 30_000, interval: 500 },
    );

    const received: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'stand-in.orders', fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        received.push(`${message.key?.toString()}=${message.value?.toString()}`);
        return Promise.resolve();
      },
    });
    await expect.poll(() => received, { timeout: 60_000, interval: 200 }).toEqual(['o-1=placed']);
  });

  it("runs Kafka's own tools for healthchecks and lag: topics, consumer groups, API versions", async () => {
    const bootstrap = ['--bootstrap-server', 'localhost:19092'];
    const topics = await container.exec(['kafka-topics.sh', ...bootstrap, '--list']);
    expect(topics.stdout).toContain('stand-in.orders');
    const groups = await container.exec(['kafka-consumer-groups.sh', ...bootstrap, '--list']);
    expect(groups.stdout).toContain('stand-in-spec');
    const versions = await container.exec(['kafka-broker-api-versions.sh', ...bootstrap]);
    expect(versions.exitCode).toBe(0);
    expect(versions.stdout).toMatch(/Produce\(0\)/);
  });

  it('runs the broker as appuser', async () => {
    const user = await container.exec(['id', '-un']);
    expect(user.output.trim()).toBe('appuser');
  });
});

describe.skipIf(skip !== undefined)('the kafka stand-in with no variable at all', () => {
  let container: StartedTestContainer;

  beforeAll(async () => {
    container = await new GenericContainer(image)
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .start();
  });
  afterAll(async () => {
    await container.stop();
  });

  it("is the official defaults' single KRaft node, serving on 9092", async () => {
    const created = await container.exec([
      'kafka-topics.sh',
      '--bootstrap-server',
      'localhost:9092',
      '--create',
      '--topic',
      'defaults',
    ]);
    expect(created.stdout).toContain('Created topic defaults.');
    const meta = await container.exec(['cat', '/var/lib/kafka/data/meta.properties']);
    expect(meta.stdout).toContain('cluster.id=5L6g3nShT-eMCtK--X86sw');
  });
});
