import type { DynamicModule } from '@nestjs/common';
import { ConfigError, configMarkdownTable, loadConfig, type ConfigSchema } from '@shop/config';
import type { z } from 'zod';
import type { HttpListenerSettings } from './http/http-listener.config.js';
import { startServiceApp } from './service/start-service-app.js';
import { markStartup } from './service/startup-phases.js';

const NODE_ENV_NOTE =
  'Unless NODE_ENV=development, the service refuses to start while a secret is its public default or a development-only switch is on.';

/** A config schema with the `httpListenerConfig` fields, which say where the service listens. */
export type ListeningConfigSchema = ConfigSchema & z.ZodType<HttpListenerSettings>;

export interface ServiceDefinition<S extends ListeningConfigSchema> {
  readonly name: string;
  /** Its environment; the HTTP server (`/health` at least) listens on `HTTP_HOST`:`HTTP_PORT`. */
  readonly config: S;
  /** The app's root module (it imports `ServiceModule`), built from the parsed config. */
  readonly module: (config: z.infer<S>) => DynamicModule;
}

/**
 * The entry point of every service: `--help` prints the documented
 * configuration; an invalid environment stops the process at once with every
 * problem named (exit 78, EX_CONFIG) instead of failing at the first request.
 * Otherwise it starts the app with its transports and listens.
 */
export async function startService<S extends ListeningConfigSchema>(service: ServiceDefinition<S>) {
  markStartup('shop:imports-loaded');
  if (process.argv.includes('--help')) {
    process.stdout.write(
      `${service.name} — environment variables\n\n${configMarkdownTable(service.config)}\n\n${NODE_ENV_NOTE}\n`,
    );
    return;
  }
  let config: z.infer<S>;
  try {
    config = loadConfig(service.name, service.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nRun with --help to see every variable.\n`);
    process.exit(78);
  }
  const { HTTP_HOST: host, HTTP_PORT: port } = config;
  await startServiceApp(service.module(config), { host, port });
}
