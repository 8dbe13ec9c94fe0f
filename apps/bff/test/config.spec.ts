import { configMarkdownTable, loadConfig } from '@shop/config';
import { describe, expect, it } from 'vitest';
import { bffConfigSchema } from '../src/config.js';

describe('bff configuration', () => {
  it('starts on its documented defaults alone in development', () => {
    expect(() => loadConfig('bff', bffConfigSchema, { NODE_ENV: 'development' })).not.toThrow();
  });

  it('refuses an invalid environment, naming the variable and its value', () => {
    expect(() => loadConfig('bff', bffConfigSchema, { HTTP_PORT: 'eighty' })).toThrow(
      /HTTP_PORT="eighty"/,
    );
  });

  it('refuses to start outside development on its defaults, naming each secret and switch', () => {
    const refusal = () => loadConfig('bff', bffConfigSchema, { NODE_ENV: 'production' });
    for (const variable of [
      'JWT_SECRET',
      'CHECKOUT_SUBGRAPH_SECRET',
      'ENROLLMENT_SUBGRAPH_SECRET',
      'NOTIFICATION_SUBGRAPH_SECRET',
      'ANALYTICS_SUBGRAPH_SECRET',
      'METRICS_TOKEN',
    ]) {
      expect(refusal).toThrow(new RegExp(`${variable}: is the public development default`));
    }
    for (const variable of [
      'DEV_TOKENS',
      'GRAPHQL_INTROSPECTION',
      'GRAPHQL_FIELD_SUGGESTIONS',
      'GRAPHQL_QUERY_PLANS',
    ]) {
      expect(refusal).toThrow(new RegExp(`${variable}: is on; .*turn it off`));
    }
    // Unset NODE_ENV counts as production.
    expect(() => loadConfig('bff', bffConfigSchema, {})).toThrow(/JWT_SECRET/);
  });

  it('starts outside development with secrets of its own and the development switches off', () => {
    const own = (name: string) => `${name}-a-secret-of-our-own-with-32-characters`;
    const config = loadConfig('bff', bffConfigSchema, {
      NODE_ENV: 'production',
      JWT_SECRET: own('jwt'),
      CHECKOUT_SUBGRAPH_SECRET: own('checkout'),
      ENROLLMENT_SUBGRAPH_SECRET: own('enrollment'),
      NOTIFICATION_SUBGRAPH_SECRET: own('notification'),
      ANALYTICS_SUBGRAPH_SECRET: own('analytics'),
      METRICS_TOKEN: own('metrics'),
      DEV_TOKENS: 'false',
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHQL_FIELD_SUGGESTIONS: 'false',
      GRAPHQL_QUERY_PLANS: 'false',
    });
    expect(config).toMatchObject({
      DEV_TOKENS: false,
      GRAPHQL_INTROSPECTION: false,
      GRAPHQL_QUERY_PLANS: false,
    });
  });

  it.each(['production', 'staging', undefined])(
    'refuses GRAPHQL_QUERY_PLANS=true with NODE_ENV %s, naming the variable, however the rest is set',
    (nodeEnv) => {
      const own = (name: string) => `${name}-a-secret-of-our-own-with-32-characters`;
      const env = {
        ...(nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv }),
        JWT_SECRET: own('jwt'),
        CHECKOUT_SUBGRAPH_SECRET: own('checkout'),
        ENROLLMENT_SUBGRAPH_SECRET: own('enrollment'),
        NOTIFICATION_SUBGRAPH_SECRET: own('notification'),
        ANALYTICS_SUBGRAPH_SECRET: own('analytics'),
        DEV_TOKENS: 'false',
        GRAPHQL_INTROSPECTION: 'false',
        GRAPHQL_FIELD_SUGGESTIONS: 'false',
        GRAPHQL_QUERY_PLANS: 'true',
      };
      expect(() => loadConfig('bff', bffConfigSchema, env)).toThrow(
        /GRAPHQL_QUERY_PLANS: is on; .*turn it off \(GRAPHQL_QUERY_PLANS=false\)/,
      );
    },
  );

  it('is documented, variable by variable, in CONFIGURATION.md', async () => {
    const doc = `# bff — environment variables\n\n${configMarkdownTable(bffConfigSchema)}\n`;
    await expect(doc).toMatchFileSnapshot('../CONFIGURATION.md');
  });
});
