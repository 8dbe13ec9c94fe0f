import { z } from '@shop/config';
import type { SASLOptions } from 'kafkajs';

/**
 * The Kafka login, the same names in every service that reaches Kafka: spread
 * into the service's config schema (`z.object({ ...kafkaCredentialsConfig, … })`).
 * No defaults: without them the client does not authenticate (a PLAINTEXT
 * listener); the local stack hands each app its own development user.
 */
export const kafkaCredentialsConfig = {
  KAFKA_SASL_USERNAME: z
    .string()
    .min(1)
    .optional()
    .describe(
      'SASL/PLAIN user this service logs in to Kafka as (with KAFKA_SASL_PASSWORD); unset: no authentication.',
    ),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional().describe('Password of KAFKA_SASL_USERNAME.'),
};

/** What `kafkaSasl` reads from the service's parsed config. */
export interface KafkaCredentialsConfig {
  readonly KAFKA_SASL_USERNAME?: string | undefined;
  readonly KAFKA_SASL_PASSWORD?: string | undefined;
}

/** kafkajs's `sasl` option for the service's login, or undefined without one; one of the two alone is a mistake. */
export function kafkaSasl(config: KafkaCredentialsConfig): SASLOptions | undefined {
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = config;
  if (username === undefined && password === undefined) return undefined;
  if (username === undefined || password === undefined)
    throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are set together, or neither');
  return { mechanism: 'plain', username, password };
}
