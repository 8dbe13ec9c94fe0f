import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

export interface LearnerTokenSettings {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
}

/** Why a bearer token was refused; the message is safe to show the client. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The bearer token has expired.' : 'The bearer token is invalid.');
    this.name = 'InvalidTokenError';
  }
}

const ALGORITHM = 'HS256';
const learnerIdSchema = z.uuid();

/**
 * Signs and verifies learner tokens: HS256 JWTs whose subject is the learner
 * id, with issuer, audience and a short expiry that verification enforces.
 */
export class LearnerTokens {
  private readonly key: Uint8Array;

  constructor(private readonly settings: LearnerTokenSettings) {
    this.key = new TextEncoder().encode(settings.secret);
  }

  async issue(learnerId: string, now = new Date()): Promise<IssuedToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const token = await new SignJWT()
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(learnerId)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /** The learner id the token vouches for; throws InvalidTokenError otherwise. */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['sub', 'exp'],
      });
      return learnerIdSchema.parse(payload.sub);
    } catch (error) {
      throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
    }
  }
}
