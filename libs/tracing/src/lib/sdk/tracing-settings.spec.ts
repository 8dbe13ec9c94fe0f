import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracingSettingsFrom } from './tracing-settings.js';

let appDir: string;
beforeAll(async () => {
  appDir = await mkdtemp(join(tmpdir(), 'tracing-settings-'));
  await mkdir(join(appDir, 'dist'));
  await writeFile(join(appDir, 'package.json'), JSON.stringify({ name: '@shop/checkout' }));
});
afterAll(() => rm(appDir, { recursive: true, force: true }));

const endpoint = 'http://127.0.0.1:4318';

describe('tracingSettingsFrom', () => {
  it('stays off when no OTLP endpoint is configured', () => {
    expect(tracingSettingsFrom({}, undefined)).toEqual({
      enabled: false,
      reason: 'no OTLP endpoint is configured',
    });
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }, undefined).enabled).toBe(
      false,
    );
  });

  it('stays off when OTEL_SDK_DISABLED is true, whatever the endpoint', () => {
    const settings = tracingSettingsFrom(
      { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: 'TRUE' },
      undefined,
    );
    expect(settings).toEqual({ enabled: false, reason: 'OTEL_SDK_DISABLED is true' });
  });

  it('is on with the generic or the traces-only endpoint, naming the service from OTEL_SERVICE_NAME', () => {
    expect(
      tracingSettingsFrom(
        { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'payment' },
        undefined,
      ),
    ).toEqual({ enabled: true, serviceName: 'payment', endpoint, hotReadRatio: 0.1 });
    const tracesOnly = `${endpoint}/v1/traces`;
    expect(
      tracingSettingsFrom({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: tracesOnly }, undefined),
    ).toMatchObject({ enabled: true, endpoint: tracesOnly });
  });

  it("names the service after the entry script's package, without its scope", () => {
    const settings = tracingSettingsFrom(
      { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
      join(appDir, 'dist', 'main.js'),
    );
    expect(settings).toMatchObject({ enabled: true, serviceName: 'checkout' });
  });

  it('samples hot reads at SHOP_TRACES_HOT_READ_RATIO, and leaves sampling to the SDK when OTEL_TRACES_SAMPLER is set', () => {
    const on = { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint };
    expect(
      tracingSettingsFrom({ ...on, SHOP_TRACES_HOT_READ_RATIO: '0.25' }, undefined),
    ).toMatchObject({ hotReadRatio: 0.25 });
    expect(
      tracingSettingsFrom({ ...on, OTEL_TRACES_SAMPLER: 'always_on' }, undefined),
    ).toMatchObject({ hotReadRatio: undefined });
    for (const bad of ['1.5', '-0.1', 'half'])
      expect(() =>
        tracingSettingsFrom({ ...on, SHOP_TRACES_HOT_READ_RATIO: bad }, undefined),
      ).toThrow(/SHOP_TRACES_HOT_READ_RATIO must be a number from 0 to 1/);
  });
});
