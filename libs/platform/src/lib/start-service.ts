import { ConfigError, configMarkdownTable, loadConfig, type ConfigSchema } from '@shop/config';
import type { z } from 'zod';

export interface ServiceDefinition<S extends ConfigSchema> {
  readonly name: string;
  readonly config: S;
  readonly start: (config: z.infer<S>) => Promise<unknown>;
}

/**
 * The entry point of every service: `--help` prints the documented
 * configuration; an invalid environment stops the process at once with every
 * problem named (exit 78, EX_CONFIG) instead of failing at the first request.
 */
export async function startService<S extends ConfigSchema>(service: ServiceDefinition<S>) {
  if (process.argv.includes('--help')) {
    process.stdout.write(
      `${service.name} — environment variables\n\n${configMarkdownTable(service.config)}\n`,
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
  await service.start(config);
}
