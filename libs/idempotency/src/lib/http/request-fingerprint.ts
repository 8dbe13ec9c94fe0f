import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** What identifies "the same request" besides its key. */
export interface FingerprintedRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly body: unknown;
}

/**
 * SHA-256 (hex) of the method, the path and the body in RFC 8785 canonical
 * JSON, so key order and whitespace do not make a retry look different.
 */
export function fingerprintRequest({ method, url, body }: FingerprintedRequest): string {
  const canonicalBody = body === undefined ? '' : (canonicalize(body) ?? '');
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${url}\n${canonicalBody}`)
    .digest('hex');
}
