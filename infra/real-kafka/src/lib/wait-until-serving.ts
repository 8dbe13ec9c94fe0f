import { setTimeout as delay } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Resolves once the broker answers Metadata with itself in the cluster — the
 * listener opens a little before the broker is unfenced and serves. Rejects
 * when `exited()` says the process is gone or the time is up.
 */
export async function waitUntilServing(
  brokers: string,
  options: {
    readonly timeoutMs: number;
    readonly exited?: () => boolean;
    /** The listener requires SASL/PLAIN: probe as this user. */
    readonly sasl?: { readonly username: string; readonly password: string };
  },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const kafka = new Kafka({
    clientId: 'real-kafka-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 2_000,
    ...(options.sasl ? { sasl: { mechanism: 'plain' as const, ...options.sasl } } : {}),
  });
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (options.exited?.()) throw new Error('the broker process exited');
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0 && cluster.controller !== null) return;
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await delay(250);
  }
  throw new Error(`not serving on ${brokers} within ${options.timeoutMs} ms: ${String(lastError)}`);
}
