import { timingSafeEqual } from 'node:crypto';
import { ApiKey } from '../protocol/api-key.js';

/** SASL/PLAIN users of a listener: name → password (Kafka's `user_<name>="<password>"`). */
export type SaslPlainUsers = ReadonlyMap<string, string>;

export const PLAIN = 'PLAIN';

/**
 * One connection's SASL progress, as Kafka's SaslServerAuthenticator keeps it:
 * ApiVersions and SaslHandshake first; after a v1 handshake SaslAuthenticate
 * requests, after a v0 one a raw (unframed) PLAIN token; then anything.
 */
export class SaslSession {
  state: 'start' | 'handshaken' | 'raw-token' | 'authenticated' = 'start';
  user: string | undefined;
  /** A SASL step failed: the connection closes once its answer is written, as in Kafka. */
  failed = false;

  constructor(private readonly users: SaslPlainUsers | undefined) {}

  /** Whether this request may be served now; otherwise Kafka closes the connection unanswered. */
  admits(apiKey: number): boolean {
    if (this.users === undefined || this.state === 'authenticated') return true;
    if (this.state !== 'start' && this.state !== 'handshaken') return false;
    if (apiKey === ApiKey.ApiVersions) return true;
    if (apiKey === ApiKey.SaslHandshake) return this.state === 'start';
    return apiKey === ApiKey.SaslAuthenticate && this.state === 'handshaken';
  }

  /** Checks a PLAIN token (authzid NUL user NUL password, RFC 4616); on success the session is authenticated. */
  authenticate(token: Buffer): boolean {
    const parts = token.toString('utf8').split('\0');
    const [authzid = '', user = '', password = ''] = parts;
    const expected = this.users?.get(user);
    // As Kafka's PlainSaslServer: an authorization id other than the user is refused.
    const valid =
      parts.length === 3 &&
      (authzid === '' || authzid === user) &&
      expected !== undefined &&
      sameText(expected, password);
    if (valid) {
      this.state = 'authenticated';
      this.user = user;
    }
    return valid;
  }
}

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
