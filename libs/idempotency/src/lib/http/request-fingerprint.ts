import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** What identifies "the same request" besides its key. */
export interface FingerprintedRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly body: unknown;
  /** Who sent it, when the endpoint knows (a verified learner). */
  readonly caller?: string;
}

/**
 * The body has no canonical form: it is not I-JSON (RFC 7493), e.g. it holds
 * a lone surrogate or a number beyond a double (`1e400`). A client error.
 */
export class BodyNotIJsonError extends Error {
  readonly code = 'BODY_NOT_I_JSON';
}

/**
 * SHA-256 (hex) of the method, the path, the body in RFC 8785 canonical
 * JSON and the caller if any, so key order and whitespace do not make a retry look different.
 * Throws BodyNotIJsonError for a body RFC 8785 cannot canonicalize.
 */
export function fingerprintRequest({ method, url, body, caller }: FingerprintedRequest): string {
  const canonicalBody = body === undefined ? '' : canonicalJson(body);
  // Without a caller, the same bytes as before callers existed: stored fingerprints stay valid.
  const callerLine = caller === undefined ? '' : `\n${JSON.stringify(caller)}`;
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${url}\n${canonicalBody}${callerLine}`)
    .digest('hex');
}

function canonicalJson(body: unknown): string {
  try {
    return canonicalize(body) ?? '';
  } catch (error) {
    throw new BodyNotIJsonError(error instanceof Error ? error.message : String(error));
  }
}
