const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** The token of an `Authorization: Bearer <token>` header; undefined when malformed. */
export function bearerTokenOf(authorization: string): string | undefined {
  return BEARER.exec(authorization)?.[1];
}

/** What a refusal's `WWW-Authenticate` header says (RFC 6750). */
export const BEARER_CHALLENGE = 'Bearer realm="course-shop"';
