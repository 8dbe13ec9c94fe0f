import { z } from 'zod';
import type { ConfigSchema } from './load-config.js';

export interface ConfigVariable {
  readonly name: string;
  readonly description: string;
  readonly default: string;
  readonly format: string;
}

/** Lists every variable of a schema with its meaning, default and format (for docs and `--help`). */
export function describeConfig(schema: ConfigSchema): ConfigVariable[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonProperty>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    description: schema.shape[name]?.description ?? '',
    default: defaultOf(property.default, json.required?.includes(name) ?? false),
    format: formatOf(property),
  }));
}

/** The same list as a Markdown table. */
export function configMarkdownTable(schema: ConfigSchema): string {
  const rows = describeConfig(schema).map(
    (v) => `| \`${v.name}\` | ${v.description} | \`${v.default}\` | ${v.format} |`,
  );
  return ['| variable | meaning | default | format |', '|---|---|---|---|', ...rows].join('\n');
}

interface JsonProperty {
  default?: unknown;
  type?: string;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

function defaultOf(value: unknown, required: boolean): string {
  if (value === undefined) return required ? '(required)' : '(unset)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function formatOf(p: JsonProperty): string {
  if (p.enum) return p.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (p.format) return p.format;
  if (p.type === 'integer' || p.type === 'number') {
    if (p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER) {
      return `integer ${p.minimum ?? ''}–${p.maximum}`;
    }
    if (p.exclusiveMinimum !== undefined) return `integer > ${p.exclusiveMinimum}`;
    return p.minimum === undefined ? 'integer' : `integer ≥ ${p.minimum}`;
  }
  return p.type ?? 'string';
}
