import { describe, expect, it } from 'vitest';
import { kafkaContainer } from './kafka.container.js';

const at = { host: '127.0.0.1', port: 41234 };
const users = { 'stack-admin': 'admin-password', checkout: 'checkout-password' };

describe('the Kafka container of the official image', () => {
  it('advertises the published port to clients, and its own listener to itself', () => {
    const { environment, address } = kafkaContainer('apache/kafka:4.4.0', at, users);
    expect(address).toBe('127.0.0.1:41234');
    expect(environment.KAFKA_ADVERTISED_LISTENERS).toBe(
      'CLIENT://127.0.0.1:41234,BROKER://127.0.0.1:9094',
    );
    expect(environment.KAFKA_INTER_BROKER_LISTENER_NAME).toBe('BROKER');
  });

  it('requires SASL/PLAIN of every client, with the given users, and authorizes by ACL', () => {
    const { environment } = kafkaContainer('apache/kafka:4.4.0', at, users);
    expect(environment.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP).toBe(
      'CLIENT:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    );
    for (const listener of ['CLIENT', 'BROKER'])
      expect(environment[`KAFKA_LISTENER_NAME_${listener}_PLAIN_SASL_JAAS_CONFIG`]).toBe(
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="stack-admin" password="admin-password" user_stack-admin="admin-password" user_checkout="checkout-password";',
      );
    expect(environment.KAFKA_AUTHORIZER_CLASS_NAME).toBe(
      'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    );
    // The first user is the admin; ANONYMOUS is the PLAINTEXT controller listener's principal.
    expect(environment.KAFKA_SUPER_USERS).toBe('User:stack-admin;User:ANONYMOUS');
  });

  it('binds the controller and inter-broker listeners to the container’s loopback only', () => {
    const { environment } = kafkaContainer('apache/kafka:4.4.0', at, users);
    expect(environment.KAFKA_LISTENERS).toBe(
      'CLIENT://:9092,BROKER://127.0.0.1:9094,CONTROLLER://127.0.0.1:9093',
    );
    expect(environment.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe('1@127.0.0.1:9093');
  });

  it("gets a cluster id kafka-storage accepts: 22 base64url characters, never a leading '-'", () => {
    const ids = Array.from(
      { length: 500 },
      () => kafkaContainer('apache/kafka:4.4.0', at, users).environment.CLUSTER_ID,
    );
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
