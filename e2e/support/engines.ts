/**
 * `E2E_ENGINES=real` runs the suite's stack (and the one the shutdown test
 * launches) on real Apache Kafka and a real RabbitMQ instead of the
 * project's stand-ins; the tests are the same.
 */
export function engineEnv(): Record<string, string> {
  const engines = process.env.E2E_ENGINES ?? 'stand-ins';
  if (engines === 'real') return { STACK_KAFKA: 'real', STACK_AMQP: 'real' };
  if (engines === 'stand-ins') return {};
  throw new Error(`E2E_ENGINES=${engines}: expected 'real' or 'stand-ins'`);
}
