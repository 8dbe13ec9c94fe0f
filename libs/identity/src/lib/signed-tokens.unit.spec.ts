import { describe, expect, it } from 'vitest';
import { gatewayEdge, paymentEdge } from './edges.js';
import { SignedTokens } from './signed-tokens.js';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const checkoutEdge = new SignedTokens({ secret: SECRET, ...gatewayEdge('checkout') });

describe('signed service tokens', () => {
  it('carry the learner as subject, or no subject for an anonymous request', async () => {
    const learner = await checkoutEdge.issue('0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20');
    await expect(checkoutEdge.verify(learner.token)).resolves.toBe(
      '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20',
    );
    const anonymous = await checkoutEdge.issue(undefined);
    await expect(checkoutEdge.verify(anonymous.token)).resolves.toBeUndefined();
  });

  it('are refused on another edge, even one signed with the same key', async () => {
    const toEnrollment = new SignedTokens({ secret: SECRET, ...gatewayEdge('enrollment') });
    const toPayment = new SignedTokens({ secret: SECRET, ...paymentEdge });
    for (const foreign of [toEnrollment, toPayment]) {
      const { token } = await foreign.issue(undefined);
      await expect(checkoutEdge.verify(token)).rejects.toMatchObject({ reason: 'invalid' });
    }
  });

  it('are refused once expired', async () => {
    const old = await checkoutEdge.issue(undefined, new Date(Date.now() - 120_000));
    await expect(checkoutEdge.verify(old.token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('are still refused once expired after an earlier verification remembered them', async () => {
    const issuedAt = new Date();
    const { token } = await checkoutEdge.issue('a-learner', issuedAt);
    await expect(checkoutEdge.verify(token, issuedAt)).resolves.toBe('a-learner');
    await expect(checkoutEdge.verify(token, issuedAt)).resolves.toBe('a-learner');
    const afterExpiry = new Date(issuedAt.getTime() + 61_000);
    await expect(checkoutEdge.verify(token, afterExpiry)).rejects.toMatchObject({
      reason: 'expired',
    });
  });

  it('remember only tokens that verified: a tampered copy of a remembered one is refused', async () => {
    const { token } = await checkoutEdge.issue('a-learner');
    await checkoutEdge.verify(token);
    const [header, payload, signature = ''] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString(
      'base64url',
    );
    await expect(checkoutEdge.verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({
      reason: 'invalid',
    });
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('A') ? 'B' : 'A'}${signature.slice(-1)}`;
    await expect(checkoutEdge.verify(`${header}.${payload}.${flipped}`)).rejects.toMatchObject({
      reason: 'invalid',
    });
  });

  it('refuse on another edge a token another edge has already remembered', async () => {
    const toEnrollment = new SignedTokens({ secret: SECRET, ...gatewayEdge('enrollment') });
    const { token } = await toEnrollment.issue(undefined);
    await expect(toEnrollment.verify(token)).resolves.toBeUndefined();
    await expect(checkoutEdge.verify(token)).rejects.toMatchObject({ reason: 'invalid' });
  });
});
