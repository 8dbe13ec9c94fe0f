import { z } from 'zod';
import { isSecret, productionProblems } from './production-rules.js';

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
 * Unless `NODE_ENV=development`, also refuses what is only safe on a
 * developer's machine (see `productionProblems`). A secret's value is never
 * printed.
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
  if (result.success) {
    const problems = productionProblems(schema, result.data, emptyToUndefined(env.NODE_ENV));
    if (problems.length === 0) return result.data;
    throw new ConfigError(service, problems);
  }
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    const value = isSecret(schema.shape[key]) ? '(secret)' : JSON.stringify(relevant[key] ?? null);
    return `${key}=${value}: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
