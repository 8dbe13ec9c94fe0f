import { randomUUID } from 'node:crypto';
import { plainJaasConfig } from '@shop/real-kafka';
import type { EngineSpec, HostPort } from './engine-container.js';
import { kafkaServes } from './serving.probes.js';

/** SASL/PLAIN users of the broker (name → password); the first is its admin. */
export type KafkaUsers = Readonly<Record<string, string>>;

/**
 * The official apache/kafka image as one KRaft node, configured by its
 * KAFKA_* variables, secured as the stack's own Kafka and compose's are:
 * clients on this machine log in with SASL/PLAIN (`users`, in the JAAS line)
 * on the published port, which the listener advertises; StandardAuthorizer
 * lets them do only what ACLs allow, except the first user (the admin, a
 * super user, who creates topics and ACLs). Inside the container the broker
 * reaches itself on BROKER (SASL too, as the admin) and its controller on
 * CONTROLLER: both bound to the container's loopback, never published. The
 * controller listener is PLAINTEXT and its principal, ANONYMOUS, a super user
 * (docs/threat-model.md ④). The rest matches infra/real-kafka's
 * server.properties (one replica, no initial rebalance delay).
 */
export function kafkaContainer(image: string, at: HostPort, users: KafkaUsers): EngineSpec {
  const address = `${at.host}:${at.port}`;
  const admin = adminOf(users);
  const jaas = plainJaasConfig(users);
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
      KAFKA_LISTENERS: 'CLIENT://:9092,BROKER://127.0.0.1:9094,CONTROLLER://127.0.0.1:9093',
      KAFKA_ADVERTISED_LISTENERS: `CLIENT://${address},BROKER://127.0.0.1:9094`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:
        'CLIENT:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@127.0.0.1:9093',
      KAFKA_SASL_ENABLED_MECHANISMS: 'PLAIN',
      KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL: 'PLAIN',
      KAFKA_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG: jaas,
      KAFKA_LISTENER_NAME_BROKER_PLAIN_SASL_JAAS_CONFIG: jaas,
      KAFKA_AUTHORIZER_CLASS_NAME: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      KAFKA_SUPER_USERS: `User:${admin.username};User:ANONYMOUS`,
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
    probe: kafkaServes(address, admin),
  };
}

/** The first user: the broker's admin and super user. */
export function adminOf(users: KafkaUsers): { username: string; password: string } {
  const [first] = Object.entries(users);
  if (first === undefined) throw new Error('Kafka needs at least one SASL user, its admin');
  return { username: first[0], password: first[1] };
}

// A UUID as Kafka writes it: 16 bytes, base64url — never starting with '-',
// which kafka-storage would read as an option (Kafka's own ids avoid it too).
function clusterId(): string {
  const id = Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
  return id.startsWith('-') ? clusterId() : id;
}
