import { errors, jwtVerify, SignJWT } from 'jose';

export interface SignedTokenSettings {
  /** The HS256 key, shared by the signer and the verifier of one edge only. */
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
}

/** Why a token was refused; the message is safe to show the caller. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: 'missing' | 'expired' | 'invalid') {
    super(MESSAGES[reason]);
    this.name = 'InvalidTokenError';
  }
}

const MESSAGES = {
  missing: 'A bearer token is required (Authorization: Bearer <token>).',
  expired: 'The bearer token has expired.',
  invalid: 'The bearer token is invalid.',
} as const;

const ALGORITHM = 'HS256';

/**
 * Signs and verifies HS256 JWTs for one edge: issuer, audience and expiry
 * are set on issue and enforced on verify, the algorithm is pinned (no
 * `none`, no algorithm confusion). The subject says who acts, if anyone.
 */
export class SignedTokens {
  private readonly key: Uint8Array;

  constructor(private readonly settings: SignedTokenSettings) {
    this.key = new TextEncoder().encode(settings.secret);
  }

  async issue(subject: string | undefined, now = new Date()): Promise<IssuedToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const jwt = new SignJWT()
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt);
    if (subject !== undefined) jwt.setSubject(subject);
    const token = await jwt.sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /** The token's subject (undefined when it has none); throws InvalidTokenError otherwise. */
  async verify(token: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp'],
      });
      return payload.sub;
    } catch (error) {
      throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
    }
  }
}
