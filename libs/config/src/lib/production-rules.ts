import { z } from 'zod';

/** The value `NODE_ENV` must have for the development defaults to be allowed. */
export const DEVELOPMENT = 'development';

/** Shortest secret accepted anywhere (HS256 keys: 256 bits of text). */
export const MIN_SECRET_LENGTH = 32;

type ProductionRule = { readonly rule: 'secret' } | { readonly rule: 'development-only' };

/** Which fields of a config schema the production rules apply to. */
export const productionRules = z.registry<ProductionRule>();

/**
 * A secret: at least 32 characters, never printed in a config error, and
 * outside development never its (public, development-only) default.
 */
export const secret = (developmentDefault: string, description: string) =>
  z
    .string()
    .min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`)
    .default(developmentDefault)
    .describe(`${description} Secret: the default is for development only.`)
    .register(productionRules, { rule: 'secret' });

/** A switch that must be off outside development (dev tokens, GraphQL introspection…). */
export const developmentOnlyFlag = (defaultValue: boolean, description: string) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1')
    .describe(`${description} Development only: must be off unless NODE_ENV=development.`)
    .register(productionRules, { rule: 'development-only' });

/** A setting that must be unset outside development (e.g. the fault file of the fault API). */
export const developmentOnlyText = (description: string) =>
  z
    .string()
    .min(1)
    .optional()
    .describe(`${description} Development only: must be unset unless NODE_ENV=development.`)
    .register(productionRules, { rule: 'development-only' });

/** Whether a schema field holds a secret, whose value must never be printed. */
export function isSecret(field: z.ZodType | undefined): boolean {
  return field !== undefined && productionRules.get(field)?.rule === 'secret';
}

/**
 * What a parsed configuration may not hold outside development, one line per
 * variable: a secret left at its public default, a development-only switch on.
 * Unset NODE_ENV counts as production: safe unless told otherwise.
 */
export function productionProblems(
  schema: z.ZodObject<Record<string, z.ZodType>>,
  config: Readonly<Record<string, unknown>>,
  nodeEnv: string | undefined,
): string[] {
  if (nodeEnv === DEVELOPMENT) return [];
  const where = `NODE_ENV=${JSON.stringify(nodeEnv ?? null)} is not "${DEVELOPMENT}"`;
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    const rule = productionRules.get(field)?.rule;
    if (rule === 'secret' && config[key] === defaultOf(field)) {
      return [`${key}: is the public development default; ${where}, so set a secret of your own`];
    }
    if (rule === 'development-only' && config[key] === true) {
      return [`${key}: is on; ${where}, so turn it off (${key}=false)`];
    }
    if (rule === 'development-only' && typeof config[key] === 'string') {
      return [`${key}: is set; ${where}, so unset it`];
    }
    return [];
  });
}

function defaultOf(field: z.ZodType): unknown {
  return field.safeParse(undefined).data;
}
