import { describe, expect, it } from 'vitest';
import { kafkaContainer } from './kafka.container.js';

const at = { host: '127.0.0.1', port: 41234 };

describe('the Kafka container of the official image', () => {
  it('advertises the published port to clients, and its own listener to itself', () => {
    const { environment, address } = kafkaContainer('apache/kafka:4.4.0', at);
    expect(address).toBe('127.0.0.1:41234');
    expect(environment.KAFKA_ADVERTISED_LISTENERS).toBe(
      'PLAINTEXT://127.0.0.1:41234,BROKER://localhost:9094',
    );
    expect(environment.KAFKA_INTER_BROKER_LISTENER_NAME).toBe('BROKER');
  });

  it("gets a cluster id kafka-storage accepts: 22 base64url characters, never a leading '-'", () => {
    const ids = Array.from(
      { length: 500 },
      () => kafkaContainer('apache/kafka:4.4.0', at).environment.CLUSTER_ID,
    );
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
