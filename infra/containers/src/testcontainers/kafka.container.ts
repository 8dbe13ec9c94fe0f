import { randomUUID } from 'node:crypto';
import type { EngineSpec, HostPort } from './engine-container.js';
import { kafkaServes } from './serving.probes.js';

/**
 * The official apache/kafka image as one KRaft node, configured by its
 * KAFKA_* variables: clients on this machine reach the PLAINTEXT listener
 * through the published port, so it advertises that; the broker talks to
 * itself on BROKER and CONTROLLER inside the container. The rest matches
 * infra/real-kafka's server.properties (one replica, topics created on use,
 * no initial rebalance delay).
 */
export function kafkaContainer(image: string, at: HostPort): EngineSpec {
  const address = `${at.host}:${at.port}`;
  return {
    name: 'kafka',
    image,
    at,
    containerPort: 9092,
    environment: {
      // The image formats its storage with it on the first start.
      CLUSTER_ID: clusterId(),
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,BROKER://:9094,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${address},BROKER://localhost:9094`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:
        'PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      // The image's data volume: kept across a stop and start, removed with the container.
      KAFKA_LOG_DIRS: '/var/lib/kafka/data',
      KAFKA_NUM_PARTITIONS: '1',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_HEAP_OPTS: '-Xms256m -Xmx768m',
    },
    address,
    probe: kafkaServes(address),
  };
}

// A UUID as Kafka writes it: 16 bytes, base64url — never starting with '-',
// which kafka-storage would read as an option (Kafka's own ids avoid it too).
function clusterId(): string {
  const id = Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
  return id.startsWith('-') ? clusterId() : id;
}
