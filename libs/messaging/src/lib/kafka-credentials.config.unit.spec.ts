import { describe, expect, it } from 'vitest';
import { kafkaSasl } from './kafka-credentials.config.js';

describe('kafkaSasl', () => {
  it('logs in with SASL/PLAIN as the configured user', () => {
    expect(kafkaSasl({ KAFKA_SASL_USERNAME: 'checkout', KAFKA_SASL_PASSWORD: 'secret' })).toEqual({
      mechanism: 'plain',
      username: 'checkout',
      password: 'secret',
    });
  });

  it('does not authenticate without a login', () => {
    expect(kafkaSasl({})).toBeUndefined();
  });

  it('refuses a user without a password, naming both variables', () => {
    expect(() => kafkaSasl({ KAFKA_SASL_USERNAME: 'checkout' })).toThrow(/KAFKA_SASL_PASSWORD/);
  });
});
