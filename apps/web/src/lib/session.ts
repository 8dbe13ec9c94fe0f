// The signed-in learner: a token from the bff's development-only dev-token
// endpoint (POST /dev/tokens), kept for this tab only (sessionStorage).

export interface Session {
  readonly learnerId: string;
  readonly name: string;
  readonly token: string;
  readonly expiresAt: string;
}

/** Demo learners to sign in as (any UUID is a learner). */
export const DEMO_LEARNERS = [
  { id: '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20', name: 'Ada (demo learner)' },
  { id: '5d2f8c31-7a4e-4b9d-8c6f-2e1a3b4c5d60', name: 'Grace (demo learner)' },
] as const;

const KEY = 'course-shop.session';

export function loadSession(now = Date.now()): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  return Date.parse(session.expiresAt) > now ? session : undefined;
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export class SignInError extends Error {}

/** Asks the bff for a learner token (development only: anyone may be anyone). */
export async function signInAs(learner: { id: string; name: string }): Promise<Session> {
  let response: Response;
  try {
    response = await fetch('/dev/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ learnerId: learner.id }),
    });
  } catch {
    throw new SignInError('The shop could not be reached to sign in.');
  }
  if (!response.ok) {
    throw new SignInError(
      response.status === 404
        ? 'Development sign-in is turned off on this server (DEV_TOKENS).'
        : `Sign-in failed (${response.status}).`,
    );
  }
  const body = (await response.json()) as { token: string; expiresAt: string };
  return {
    learnerId: learner.id,
    name: learner.name,
    token: body.token,
    expiresAt: body.expiresAt,
  };
}
