import { describe, expect, it } from 'vitest';
import { serverProperties } from './kafka-config.js';

const propertiesOf = (text: string) =>
  Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

describe("a node's server.properties with SASL and ACLs, as the stack runs it", () => {
  const properties = propertiesOf(
    serverProperties({
      host: '127.0.0.1',
      port: 9092,
      controllerPort: 9093,
      dataDir: '/data',
      sasl: { users: { 'stack-admin': 'a', checkout: 'c' } },
      superUsers: ['User:stack-admin'],
    }),
  );

  it('binds the PLAINTEXT controller listener to the node’s host and advertises only the SASL one', () => {
    expect(properties.listeners).toBe(
      'SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
    );
    expect(properties['listener.security.protocol.map']).toBe(
      'SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    );
    expect(properties['advertised.listeners']).toBe('SASL_PLAINTEXT://127.0.0.1:9092');
  });

  it('makes the admin, the broker’s own login and the controller’s ANONYMOUS the only super users', () => {
    expect(properties['authorizer.class.name']).toBe(
      'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    );
    expect(properties['super.users']).toBe('User:stack-admin;User:ANONYMOUS');
  });
});
