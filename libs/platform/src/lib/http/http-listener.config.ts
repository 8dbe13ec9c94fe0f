import { host, port, secret } from '@shop/config';

/** The public, development-only `METRICS_TOKEN` (refused outside development, like every default secret). */
export const DEVELOPMENT_METRICS_TOKEN = 'dev-only-prometheus-scrape-token-change-me';

/**
 * Where a service's HTTP server listens and who may read its `/metrics`, the
 * same names in every service: spread into its config schema (`z.object({ ...httpListenerConfig(3000, '…'), … })`).
 * Loopback by default, so nothing is reachable from elsewhere unless asked for;
 * the container images set `HTTP_HOST=0.0.0.0`.
 */
export const httpListenerConfig = (defaultPort: number, portDescription: string) => ({
  HTTP_HOST: host(
    '127.0.0.1',
    'Interface the HTTP server binds: `127.0.0.1` this machine only, `0.0.0.0` every interface (as in a container).',
  ),
  HTTP_PORT: port(defaultPort, portDescription),
  METRICS_TOKEN: secret(
    DEVELOPMENT_METRICS_TOKEN,
    'Bearer token `GET /metrics` asks for (Prometheus sends it from its `authorization` setting); without it, 401.',
  ),
});

/** What `startService` reads from the parsed config to listen. */
export interface HttpListenerSettings {
  readonly HTTP_HOST: string;
  readonly HTTP_PORT: number;
  readonly METRICS_TOKEN: string;
}
