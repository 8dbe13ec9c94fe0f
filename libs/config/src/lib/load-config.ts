import { z } from 'zod';

/** A service's configuration: one zod object whose keys are environment variable names. */
export type ConfigSchema = z.ZodObject<Record<string, z.ZodType>>;

/** Thrown at start-up when the environment does not satisfy the schema; lists every problem at once. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(`${service}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once, applying defaults. Fails fast with every invalid
 * variable named, so a typo is caught at boot and not at the first request.
 */
export function loadConfig<S extends ConfigSchema>(
  service: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const relevant = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, emptyToUndefined(env[key])]),
  );
  const result = schema.safeParse(relevant);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    return `${key}=${JSON.stringify(relevant[key] ?? null)}: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
