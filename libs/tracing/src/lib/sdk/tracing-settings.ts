import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_HOT_READ_RATIO } from './hot-read-sampler.js';

/** What the preload decided from the environment: export spans, or stay out of the way. */
export type TracingSettings =
  | {
      readonly enabled: true;
      readonly serviceName: string;
      readonly endpoint: string;
      /** Share of hot reads traced; undefined when `OTEL_TRACES_SAMPLER` chooses the SDK's sampler. */
      readonly hotReadRatio: number | undefined;
    }
  | { readonly enabled: false; readonly reason: string };

/**
 * Tracing is on when an OTLP endpoint is configured (the standard
 * `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) and
 * `OTEL_SDK_DISABLED` is not `true`. Everything else (protocol, sampler,
 * batching, propagators) is the SDK's own `OTEL_*` configuration. The service
 * name is `OTEL_SERVICE_NAME`, else the entry script's package name without
 * its scope (`@shop/checkout` → `checkout`). Sampling: every trace, except
 * hot reads (`SHOP_TRACES_HOT_READ_RATIO`, default 0.1, of them), unless
 * `OTEL_TRACES_SAMPLER` names one of the SDK's samplers.
 */
export function tracingSettingsFrom(
  env: NodeJS.ProcessEnv,
  entryScript: string | undefined,
): TracingSettings {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') {
    return { enabled: false, reason: 'OTEL_SDK_DISABLED is true' };
  }
  const endpoint = nonEmpty(
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT,
  );
  if (endpoint === undefined) {
    return { enabled: false, reason: 'no OTLP endpoint is configured' };
  }
  const serviceName =
    nonEmpty(env.OTEL_SERVICE_NAME) ?? packageNameOf(entryScript) ?? 'unknown_service:node';
  const hotReadRatio =
    nonEmpty(env.OTEL_TRACES_SAMPLER) === undefined
      ? ratioFrom(env.SHOP_TRACES_HOT_READ_RATIO)
      : undefined;
  return { enabled: true, serviceName, endpoint, hotReadRatio };
}

function ratioFrom(value: string | undefined): number {
  const given = nonEmpty(value);
  if (given === undefined) return DEFAULT_HOT_READ_RATIO;
  const ratio = Number(given);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1)
    throw new Error(`SHOP_TRACES_HOT_READ_RATIO must be a number from 0 to 1, not "${given}"`);
  return ratio;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

// The nearest package.json above the entry script names the service.
function packageNameOf(entryScript: string | undefined): string | undefined {
  if (entryScript === undefined) return undefined;
  for (let dir = dirname(entryScript); ; dir = dirname(dir)) {
    const name = readPackageName(join(dir, 'package.json'));
    if (name !== undefined) return name.replace(/^@[^/]+\//, '');
    if (dirname(dir) === dir) return undefined;
  }
}

function readPackageName(file: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
    return typeof parsed.name === 'string' ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}
