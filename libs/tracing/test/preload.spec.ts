// The preload as the apps use it: `node --import @shop/tracing/register`, from
// the built dist (this project's test target builds first).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpJsonSink } from './support/otlp-json-sink.js';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('fixtures/traced-process.mjs', import.meta.url));
const register = fileURLToPath(new URL('../dist/register.js', import.meta.url));

let sink: Awaited<ReturnType<typeof startOtlpJsonSink>>;
beforeAll(async () => {
  sink = await startOtlpJsonSink();
});
afterAll(() => sink.close());

async function runFixture(env: Record<string, string>): Promise<{ kafkajsPatched: boolean }> {
  const { PATH = '', HOME = '' } = process.env;
  const { stdout } = await run(process.execPath, ['--import', register, fixture], {
    env: { PATH, HOME, ...env },
    // A Node process with the OpenTelemetry preload: seconds on a quiet machine, far more on a busy one.
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { kafkajsPatched: boolean };
}

describe('the tracing preload', () => {
  it('exports one trace across an HTTP round trip, and patches packages imported as ES modules', async () => {
    const result = await runFixture({
      OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'fixture-service',
    });

    expect(result.kafkajsPatched).toBe(true);
    const work = sink.spans.find((s) => s.name === 'fixture work');
    const client = sink.spans.find((s) => s.kind === 3 && s.parentSpanId === work?.spanId);
    const server = sink.spans.find((s) => s.kind === 2 && s.parentSpanId === client?.spanId);
    expect(work).toMatchObject({ service: 'fixture-service' });
    expect(client).toMatchObject({ traceId: work?.traceId });
    expect(server).toMatchObject({ traceId: work?.traceId, service: 'fixture-service' });
    // Health probes are not traced, and nothing else was exported.
    expect(sink.spans).toHaveLength(3);
  });

  it('loads nothing and patches nothing when no OTLP endpoint is configured', async () => {
    sink.spans.length = 0;
    const result = await runFixture({});
    expect(result.kafkajsPatched).toBe(false);
    expect(sink.spans).toEqual([]);
  });
});
