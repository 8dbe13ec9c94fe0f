import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository root (src/compose and dist/compose sit three levels below it). */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The parts of a compose service the checks read. */
export interface ComposeService {
  readonly image?: string;
  readonly build?: {
    readonly context?: string;
    readonly target?: string;
    readonly args?: Record<string, unknown>;
  };
  readonly environment?: Record<string, string | number | boolean | null>;
  readonly ports?: readonly (string | number)[];
  readonly healthcheck?: { readonly test?: unknown; readonly disable?: boolean };
  readonly depends_on?: Record<string, { readonly condition: string }>;
  readonly command?: unknown;
  readonly entrypoint?: unknown;
  readonly volumes?: readonly string[];
  readonly profiles?: readonly string[];
}

export interface ComposeFile {
  readonly services: Record<string, ComposeService>;
  readonly [key: string]: unknown;
}

const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g;

/**
 * Compose's variable substitution: `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, and `$$` for a literal `$`.
 */
export function interpolate(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return text.replace(
    VARIABLE,
    (_whole, name: string | undefined, op: string | undefined, fallback: string | undefined) => {
      if (name === undefined) return '$';
      const value = env[name];
      if (op === ':-' && (value === undefined || value === '')) return fallback ?? '';
      if (op === '-' && value === undefined) return fallback ?? '';
      return value ?? '';
    },
  );
}

/** Every `${VAR…}` a compose file refers to outside comments, with the default it gives (undefined: none). */
export function composeVariables(text: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  const withoutComments = text.replace(/^\s*#.*$/gm, '');
  for (const match of withoutComments.matchAll(VARIABLE)) {
    const [, name, , fallback] = match;
    if (name !== undefined) found.set(name, fallback);
  }
  return found;
}

/** Reads a compose file as the engine would see it: variables substituted, YAML merge keys applied. */
export function readComposeFile(
  file = join(repoRoot, 'docker-compose.yml'),
  env: Readonly<Record<string, string | undefined>> = {},
): ComposeFile {
  return parse(interpolate(readFileSync(file, 'utf8'), env), { merge: true }) as ComposeFile;
}
