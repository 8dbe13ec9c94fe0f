import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './compose-file.js';

/**
 * The environment variables an app's config schema reads, from its
 * `apps/<app>/CONFIGURATION.md`. That file is the schema rendered by
 * `configMarkdownTable`, and each app's `test/config.spec.ts` fails when the two
 * differ — so reading it here reads the schema, without this project importing
 * an app (libraries and infra may not: tools/ci/check-project-graph.mjs).
 */
export function appConfigVariables(app: string): Set<string> {
  const doc = readFileSync(join(repoRoot, 'apps', app, 'CONFIGURATION.md'), 'utf8');
  return new Set(
    [...doc.matchAll(/^\| `(?<name>[A-Z][A-Z0-9_]*)` \|/gm)].map(
      (match) => match.groups?.name ?? '',
    ),
  );
}

/**
 * Variables every app process reads besides its schema: the standard
 * OpenTelemetry SDK variables (read by the `@shop/tracing/register` preload)
 * and Node's `NODE_ENV`.
 */
export function isProcessWideVariable(name: string): boolean {
  return name.startsWith('OTEL_') || name === 'NODE_ENV';
}
