import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configMarkdownTable, describeConfig } from './describe-config.js';
import { flag, oneOf, port, url } from './fields.js';
import { ConfigError, loadConfig } from './load-config.js';

const schema = z.object({
  HTTP_PORT: port(3000, 'Port of the REST API.'),
  DATABASE_URL: url('postgres://localhost:5432/shop', 'PostgreSQL connection string.'),
  MODE: oneOf(['fast', 'safe'], 'safe', 'How to run.'),
  VERBOSE: flag(false, 'Log more.'),
  UPSTREAM: z.url().optional().describe('Use this upstream instead of the built-in one.'),
});

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    expect(loadConfig('demo', schema, {})).toEqual({
      HTTP_PORT: 3000,
      DATABASE_URL: 'postgres://localhost:5432/shop',
      MODE: 'safe',
      VERBOSE: false,
    });
  });

  it('coerces values from strings and treats blank values as unset', () => {
    const config = loadConfig('demo', schema, { HTTP_PORT: '8080', MODE: ' ', VERBOSE: 'true' });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.MODE).toBe('safe');
    expect(config.VERBOSE).toBe(true);
  });

  it('fails fast naming every invalid variable and its value', () => {
    const load = () => loadConfig('demo', schema, { HTTP_PORT: '70000', MODE: 'reckless' });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('demo: invalid configuration');
      expect(message).toContain('HTTP_PORT="70000"');
      expect(message).toContain('MODE="reckless"');
    }
  });
});

describe('describeConfig', () => {
  it('documents every variable with its meaning, default and format', () => {
    const rows = describeConfig(schema);
    expect(rows.map((r) => r.name)).toEqual([
      'HTTP_PORT',
      'DATABASE_URL',
      'MODE',
      'VERBOSE',
      'UPSTREAM',
    ]);
    expect(rows[4]).toMatchObject({ default: '(unset)' });
    expect(rows[0]).toMatchObject({ description: 'Port of the REST API.', default: '3000' });
    expect(rows[2]?.format).toContain('`fast`');
    expect(configMarkdownTable(schema)).toContain(
      '| `HTTP_PORT` | Port of the REST API. | `3000` |',
    );
  });
});
