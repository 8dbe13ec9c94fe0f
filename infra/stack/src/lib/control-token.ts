import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The control API's bearer token: 256 random bits, made afresh for each run of
 * a stack. Loopback alone is not a boundary — every local user reaches
 * 127.0.0.1, and `GET /stack` lists database URLs and the broker admin login —
 * so every route of the control server asks for it (docs/threat-model.md ⑨).
 */
export function newControlToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether the request bears `Authorization: Bearer <token>` (compared in constant time). */
export function bearsToken(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
