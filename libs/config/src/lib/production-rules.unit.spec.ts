import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config.js';
import { developmentOnlyFlag, developmentOnlyText, secret } from './production-rules.js';

const schema = z.object({
  API_SECRET: secret('dev-only-secret-of-the-demo-change-me', 'Signs things.'),
  DEV_BACKDOOR: developmentOnlyFlag(true, 'Lets anyone in.'),
});
const OWN_SECRET = 'a-secret-of-my-own-with-more-than-32-characters';

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig('demo', schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('production rules', () => {
  it('allow the development defaults only when NODE_ENV=development', () => {
    expect(loadConfig('demo', schema, { NODE_ENV: 'development' })).toEqual({
      API_SECRET: 'dev-only-secret-of-the-demo-change-me',
      DEV_BACKDOOR: true,
    });
  });

  it.each([
    ['unset', undefined],
    ['production', 'production'],
    ['test', 'test'],
  ])(
    'refuse, with NODE_ENV %s, a default secret and a development-only switch, naming each variable',
    (_case, nodeEnv) => {
      const message = problemsOf({ NODE_ENV: nodeEnv });
      expect(message).toContain('demo: invalid configuration');
      expect(message).toMatch(/API_SECRET: is the public development default/);
      expect(message).toMatch(/DEV_BACKDOOR: is on; .* turn it off \(DEV_BACKDOOR=false\)/);
    },
  );

  it('start outside development with a secret of their own and the switch off', () => {
    const env = { API_SECRET: OWN_SECRET, DEV_BACKDOOR: 'false' };
    expect(loadConfig('demo', schema, env)).toEqual({
      API_SECRET: OWN_SECRET,
      DEV_BACKDOOR: false,
    });
  });

  it('refuse a secret shorter than 32 characters anywhere, without printing it', () => {
    const message = problemsOf({ NODE_ENV: 'development', API_SECRET: 'hunter2' });
    expect(message).toContain('API_SECRET=(secret): must be at least 32 characters');
    expect(message).not.toContain('hunter2');
  });

  it('refuse a development-only setting that is set outside development, naming it', () => {
    const withFile = z.object({ DEV_FAULTS_FILE: developmentOnlyText('Faults to inject.') });
    expect(() => loadConfig('demo', withFile, { DEV_FAULTS_FILE: '/tmp/faults.json' })).toThrow(
      /DEV_FAULTS_FILE: is set; NODE_ENV=null is not "development", so unset it/,
    );
    expect(loadConfig('demo', withFile, {})).toEqual({});
    expect(
      loadConfig('demo', withFile, { NODE_ENV: 'development', DEV_FAULTS_FILE: 'f.json' }),
    ).toEqual({ DEV_FAULTS_FILE: 'f.json' });
  });
});
