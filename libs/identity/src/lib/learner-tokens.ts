import { z } from 'zod';
import {
  InvalidTokenError,
  SignedTokens,
  type IssuedToken,
  type SignedTokenSettings,
} from './signed-tokens.js';

export type LearnerTokenSettings = SignedTokenSettings;

const learnerIdSchema = z.uuid();

/**
 * Learner bearer tokens: HS256 JWTs whose subject is the learner id, with
 * issuer, audience and a short expiry that verification enforces. The bff
 * and checkout's REST API verify the same tokens with the same settings.
 */
export class LearnerTokens {
  private readonly tokens: SignedTokens;

  constructor(settings: LearnerTokenSettings) {
    this.tokens = new SignedTokens(settings);
  }

  issue(learnerId: string, now = new Date()): Promise<IssuedToken> {
    return this.tokens.issue(learnerId, now);
  }

  /** The learner id the token vouches for; throws InvalidTokenError otherwise. */
  async verify(token: string): Promise<string> {
    const subject = await this.tokens.verify(token);
    const learnerId = learnerIdSchema.safeParse(subject);
    if (!learnerId.success) throw new InvalidTokenError('invalid');
    return learnerId.data;
  }
}
