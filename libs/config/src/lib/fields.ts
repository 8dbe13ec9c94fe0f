import { z } from 'zod';

// Small builders for the kinds of values services read from the environment.
// Every field must carry a description: it is the documentation.

export const port = (defaultPort: number, description: string) =>
  z.coerce.number().int().min(0).max(65535).default(defaultPort).describe(description);

export const host = (defaultHost: string, description: string) =>
  z
    .string()
    .regex(/^[\w.:-]+$/, 'an interface address or host name, e.g. 127.0.0.1 or 0.0.0.0')
    .default(defaultHost)
    .describe(description);

export const positiveInt = (defaultValue: number, description: string) =>
  z.coerce.number().int().positive().default(defaultValue).describe(description);

export const nonNegativeInt = (defaultValue: number, description: string) =>
  z.coerce.number().int().min(0).default(defaultValue).describe(description);

export const url = (defaultUrl: string, description: string) =>
  z.url().default(defaultUrl).describe(description);

export const text = (defaultValue: string, description: string) =>
  z.string().min(1).default(defaultValue).describe(description);

export const oneOf = <const T extends readonly [string, ...string[]]>(
  values: T,
  defaultValue: T[number],
  description: string,
) => z.enum(values).default(defaultValue).describe(description);

export const flag = (defaultValue: boolean, description: string) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1')
    .describe(description);

export const logLevel = () =>
  oneOf(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    'info',
    'Minimum level of the JSON log lines written to stdout.',
  );
