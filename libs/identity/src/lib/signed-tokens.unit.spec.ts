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
});
