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
    ).toEqual({ enabled: true, serviceName: 'payment', endpoint });
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
});
