import { describe, expect, it } from 'vitest';
import { LearnerTokens, type LearnerTokenSettings } from './learner-tokens.js';

const LEARNER = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
const settings: LearnerTokenSettings = {
  secret: 'a-test-secret-of-at-least-32-characters',
  issuer: 'course-shop-bff',
  audience: 'course-shop',
  ttlSeconds: 900,
};
const tokens = new LearnerTokens(settings);

describe('learner tokens', () => {
  it('vouch for the learner they were issued to, until they expire', async () => {
    const issued = await tokens.issue(LEARNER, new Date('2026-11-21T10:00:00Z'));
    expect(issued.expiresAt).toBe('2026-11-21T10:15:00.000Z');
    const fresh = await tokens.issue(LEARNER);
    await expect(tokens.verify(fresh.token)).resolves.toBe(LEARNER);
  });

  it('are refused once expired', async () => {
    const old = await tokens.issue(LEARNER, new Date(Date.now() - 901_000));
    await expect(tokens.verify(old.token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it.each([
    ['another key', { secret: 'another-secret-of-at-least-32-characters' }],
    ['another issuer', { issuer: 'someone-else' }],
    ['another audience', { audience: 'another-shop' }],
  ])('are refused when signed with %s', async (_case, override) => {
    const foreign = await new LearnerTokens({ ...settings, ...override }).issue(LEARNER);
    await expect(tokens.verify(foreign.token)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('refuse an unsigned token (alg "none") and one whose subject is not a learner id', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const claims = { sub: LEARNER, iss: settings.issuer, aud: settings.audience, exp: 2e9 };
    await expect(
      tokens.verify(`${encode({ alg: 'none' })}.${encode(claims)}.`),
    ).rejects.toMatchObject({ reason: 'invalid' });
    const notAnId = await tokens.issue('admin');
    await expect(tokens.verify(notAnId.token)).rejects.toMatchObject({ reason: 'invalid' });
  });
});
