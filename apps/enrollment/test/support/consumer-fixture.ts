import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseExposition, valueOf } from '@shop/metrics/testing';
import { DEVELOPMENT_METRICS_TOKEN } from '@shop/platform';
import { startEnrollment, startInfrastructure, type Infrastructure } from './enrollment-harness.js';
import { followTopics } from './kafka-reader.js';

/** What each consumer spec runs against: enrollment on its own infrastructure, and a reader of its answers. */
export interface ConsumerFixture {
  readonly infra: Infrastructure;
  readonly app: NestFastifyApplication;
  readonly kafka: Awaited<ReturnType<typeof followTopics>>;
  /**
   * Closes the reader, the app and the infrastructure (afterAll); `current`:
   * the infrastructure as the spec holds it now (it may have swapped its pool).
   */
  readonly stop: (current?: Infrastructure) => Promise<void>;
}

/** Starts the infrastructure, one enrollment (`env` over the harness's defaults), and follows `topics`. */
export async function startConsumerFixture(
  topics: string[],
  env: Record<string, string> = {},
): Promise<ConsumerFixture> {
  const infra = await startInfrastructure();
  const app = await startEnrollment(infra, env);
  const kafka = await followTopics(infra.kafkaBrokers, topics);
  return {
    infra,
    app,
    kafka,
    stop: async (current = infra) => {
      await kafka.close();
      await app.close();
      await current.stop();
    },
  };
}

/** A `vi.spyOn(handler, 'execute')`, as far as `outcomesOf` reads it. */
interface HandlerSpy {
  readonly mock: {
    readonly calls: readonly (readonly [{ readonly data: { readonly commandId: string } }])[];
    readonly settledResults: readonly (
      { readonly type: string; readonly value: unknown } | undefined
    )[];
  };
}

/** How a spied handler's calls for one command ended, in order: its outcome, `REFUSED <code>`, FAILED or PENDING. */
export function outcomesOf(execute: HandlerSpy, commandId: string): string[] {
  return execute.mock.calls.flatMap(([command], i) => {
    if (command.data.commandId !== commandId) return [];
    const result = execute.mock.settledResults[i];
    if (result?.type === 'fulfilled')
      return [
        typeof result.value === 'string'
          ? result.value
          : `REFUSED ${(result.value as { code: string }).code}`,
      ];
    return result?.type === 'rejected' ? ['FAILED'] : ['PENDING'];
  });
}

/** One series of enrollment's `/metrics`, read as Prometheus reads it. */
export async function metricOf(
  app: NestFastifyApplication,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const response = await app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${DEVELOPMENT_METRICS_TOKEN}` },
  });
  return valueOf(parseExposition(response.body), name, labels);
}
