import autocannon from 'autocannon';
import type { LoadPhase, PhaseResult } from './load-phase.js';

export interface HttpRequestSpec {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** autocannon, one connection per concurrent client, each waiting for its answer (no pipelining). */
export function httpLoad(spec: HttpRequestSpec): LoadPhase {
  return (connections, durationS) =>
    new Promise<PhaseResult>((resolve, reject) => {
      const latenciesMs: number[] = [];
      let ok = 0;
      let failures = 0;
      const instance = autocannon(
        {
          url: spec.url,
          method: spec.method ?? 'GET',
          headers: spec.headers ?? {},
          ...(spec.body === undefined ? {} : { body: spec.body }),
          connections,
          duration: durationS,
        },
        (error: unknown, result) => {
          if (error) {
            reject(
              error instanceof Error ? error : new Error(`autocannon: ${JSON.stringify(error)}`),
            );
            return;
          }
          failures += result.errors + result.timeouts;
          resolve({ ok, failures, durationS: result.duration, latenciesMs });
        },
      );
      instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
        if (statusCode >= 200 && statusCode < 300) {
          ok++;
          latenciesMs.push(responseTimeMs);
        } else failures++;
      });
    });
}
