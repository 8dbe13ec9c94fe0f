import { loadConfig } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { amqpUrlWithLogin, externalBrokersOf } from './external-brokers.js';
import { stackConfigSchema } from './stack.config.js';

const configOf = (env: Record<string, string>) => loadConfig('stack', stackConfigSchema, env);

describe("a caller's brokers, and which are the stack's to provision", () => {
  it('leaves a broker given alone to the caller: no admin, no management API', () => {
    expect(
      externalBrokersOf(configOf({ KAFKA_BROKERS: 'k:9092', AMQP_URL: 'amqp://u:p@r:5672' })),
    ).toEqual({
      kafka: 'k:9092',
      kafkaAdmin: undefined,
      amqp: 'amqp://u:p@r:5672',
      amqpManagementUrl: undefined,
    });
  });

  it('takes a broker given with its admin as the stack’s to provision', () => {
    const external = externalBrokersOf(
      configOf({
        KAFKA_BROKERS: 'k:9092',
        KAFKA_ADMIN_USERNAME: 'stack-admin',
        KAFKA_ADMIN_PASSWORD: 'pw',
        AMQP_URL: 'amqp://u:p@r:5672',
        AMQP_MANAGEMENT_URL: 'http://u:p@r:15672',
      }),
    );
    expect(external.kafkaAdmin).toEqual({ username: 'stack-admin', password: 'pw' });
    expect(external.amqpManagementUrl).toBe('http://u:p@r:15672');
  });

  it.each([
    [{ KAFKA_ADMIN_USERNAME: 'a', KAFKA_ADMIN_PASSWORD: 'b' }, /KAFKA_BROKERS, which is not set/],
    [{ KAFKA_BROKERS: 'k:9092', KAFKA_ADMIN_USERNAME: 'a' }, /set both or neither/],
    [{ KAFKA_BROKERS: 'k:9092', KAFKA_ADMIN_PASSWORD: 'b' }, /set both or neither/],
    [{ AMQP_MANAGEMENT_URL: 'http://u:p@r:15672' }, /AMQP_URL, which is not set/],
  ])('refuses %j, naming the variables', (env, message) => {
    expect(() => externalBrokersOf(configOf(env))).toThrow(message);
  });

  it('gives an app its own login on the same broker, host and vhost, the password encoded', () => {
    expect(
      amqpUrlWithLogin('amqp://shop:secret@127.0.0.1:45933/shop', {
        username: 'checkout',
        password: 'p@ss:word',
      }),
    ).toBe('amqp://checkout:p%40ss%3Aword@127.0.0.1:45933/shop');
  });
});
