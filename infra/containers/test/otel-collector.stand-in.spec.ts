import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_IMAGES } from '../src/index.js';
import { skipReasonFor, STARTUP_TIMEOUT_MS } from './support/container-engine.js';

const image = STAND_IN_IMAGES.otelCollector ?? '';
const skip = await skipReasonFor('otel-collector stand-in', image);

const spansFile = '/var/lib/otel-stand-in/spans.jsonl';

// One span as an SDK's OTLP/HTTP JSON exporter sends it.
const exportRequest = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
      scopeSpans: [
        {
          scope: { name: 'stand-in-spec' },
          spans: [
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: 'eee19b7ec3c1b174',
              name: 'POST /v1/orders',
              kind: 2,
              startTimeUnixNano: '1700000000000000000',
              endTimeUnixNano: '1700000000100000000',
              attributes: [{ key: 'shop.order_id', value: { stringValue: 'order-1' } }],
            },
          ],
        },
      ],
    },
  ],
};

describe.skipIf(skip !== undefined)('the otel-collector stand-in', () => {
  let container: StartedTestContainer;

  beforeAll(async () => {
    container = await new GenericContainer(image)
      .withCommand(['--config=/etc/otelcol-contrib/config.yaml'])
      .withExposedPorts(4318)
      .withWaitStrategy(Wait.forLogMessage(/listening on/))
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .start();
  });
  afterAll(async () => {
    await container.stop();
  });

  it('says in its log that it ignores the collector configuration and does not serve gRPC', async () => {
    const logs: string[] = [];
    const stream = await container.logs();
    stream.on('data', (line: Buffer | string) => logs.push(line.toString()));
    await expect
      .poll(() => logs.join(''), { timeout: 10_000 })
      .toMatch(/ignoring the collector configuration \/etc\/otelcol-contrib\/config.yaml/);
    expect(logs.join('')).toMatch(/OTLP\/gRPC on :4317 is NOT served/);
    stream.destroy();
  });

  it('accepts an OTLP/HTTP JSON export on 4318 and writes its span to the spans file', async () => {
    const url = `http://${container.getHost()}:${container.getMappedPort(4318)}/v1/traces`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exportRequest),
    });
    expect(response.status).toBe(200);
    const file = await container.exec(['cat', spansFile]);
    const spans = file.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { service: string; name: string; traceId: string });
    expect(spans).toContainEqual(
      expect.objectContaining({
        service: 'checkout',
        name: 'POST /v1/orders',
        traceId: '5b8efff798038103d269b633813fc60c',
      }),
    );
  });
});
