import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';

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
// Tokens verified once and remembered until they expire; a caller sends the same one many times.
const MAX_VERIFIED_TOKENS = 10_000;

interface Verified {
  readonly subject: string | undefined;
  /** `exp`, seconds since the epoch. */
  readonly expiresAt: number;
}

/**
 * Signs and verifies HS256 JWTs for one edge: issuer, audience and expiry
 * are set on issue and enforced on verify, the algorithm is pinned (no
 * `none`, no algorithm confusion). The subject says who acts, if anyone.
 *
 * The key is imported into WebCrypto once (jose would import a raw key on
 * every call), and a token that passed verification is remembered, by its
 * exact bytes, until its own `exp`: the signature, issuer and audience of
 * those bytes cannot change, so only the expiry is checked again on a repeat.
 */
export class SignedTokens {
  private readonly key: Promise<webcrypto.CryptoKey>;

  private readonly verified = new LRUCache<string, Verified>({ max: MAX_VERIFIED_TOKENS });

  constructor(private readonly settings: SignedTokenSettings) {
    this.key = webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(settings.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
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
    const token = await jwt.sign(await this.key);
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /** The token's subject (undefined when it has none); throws InvalidTokenError otherwise. */
  async verify(token: string, now = new Date()): Promise<string | undefined> {
    const known = this.verified.get(token);
    if (known !== undefined) {
      // jose's rule: expired once `exp` is not after the current second.
      if (known.expiresAt > Math.floor(now.getTime() / 1000)) return known.subject;
      this.verified.delete(token);
      throw new InvalidTokenError('expired');
    }
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp'],
        currentDate: now,
      });
      this.verified.set(token, { subject: payload.sub, expiresAt: payload.exp ?? 0 });
      return payload.sub;
    } catch (error) {
      throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
    }
  }
}
