import { LRUCache, type Perf } from 'lru-cache';
import type { IssuedToken, SignedTokens } from './signed-tokens.js';

export interface ReusedTokenSettings {
  /** How long one token is handed out again for the same subject; keep it well under the token's ttl. */
  readonly reuseSeconds: number;
  /** Subjects remembered at once. */
  readonly max?: number;
  /** For tests; default performance.now(). */
  readonly clock?: Perf;
}

/**
 * The caller's side of an edge that signs a token per request: the same
 * subject gets the same token for `reuseSeconds`, then a fresh one. Signing
 * costs tens of µs of CPU; a token handed out again still expires when its
 * own `exp` says (issued for the edge's full ttl), so the verifier's checks
 * and the replay window (ADR 0024) are unchanged.
 */
export class ReusedTokens {
  private readonly recent: LRUCache<string, Promise<IssuedToken>>;

  constructor(
    private readonly tokens: SignedTokens,
    { reuseSeconds, max = 10_000, clock }: ReusedTokenSettings,
  ) {
    this.recent = new LRUCache({
      max,
      ttl: reuseSeconds * 1000,
      ...(clock ? { perf: clock } : {}),
    });
  }

  issue(subject: string | undefined): Promise<IssuedToken> {
    // JSON keeps the anonymous caller (no subject) apart from any subject string.
    const key = JSON.stringify(subject ?? null);
    const known = this.recent.get(key);
    if (known !== undefined) return known;
    const issued = this.tokens.issue(subject);
    this.recent.set(key, issued);
    issued.catch(() => this.recent.delete(key));
    return issued;
  }
}
