import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { developmentLearnerTokens } from '@shop/identity/testing';

/** The demo catalog's roomiest course (apps/checkout/prisma/seed.sql: 100 seats). */
const MESSAGING_101 = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01';
const learnerTokens = developmentLearnerTokens();

/** What became of one purchase the drill placed. */
export interface PurchaseOutcome {
  readonly answer: string;
  readonly orderId?: string | undefined;
  /** The order's status once it stopped moving (or when the drill stopped waiting). */
  readonly finalStatus?: string | undefined;
  readonly tookMs: number;
}

/**
 * Places one purchase through checkout's REST API as a fresh learner with
 * the approved test card, then follows the order until it is COMPLETED or
 * CANCELLED, or `followMs` passes: what a client would see during the drill.
 */
export async function purchase(checkoutUrl: string, followMs: number): Promise<PurchaseOutcome> {
  const learnerId = randomUUID();
  const authorization = `Bearer ${(await learnerTokens.issue(learnerId)).token}`;
  const started = Date.now();
  let res: Response;
  try {
    res = await fetch(`${checkoutUrl}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ courseIds: [MESSAGING_101], cardToken: 'tok_visa' }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return {
      answer: `no answer (${error instanceof Error ? error.message : String(error)})`,
      tookMs: Date.now() - started,
    };
  }
  const tookMs = Date.now() - started;
  const body = (await res.json().catch(() => ({}))) as {
    id?: string;
    status?: string;
    title?: string;
  };
  const retryAfter = res.headers.get('retry-after');
  const answer = `${res.status}${retryAfter ? ` Retry-After: ${retryAfter}` : ''}${body.title ? ` ${body.title}` : ''}`;
  if (!res.ok || body.id === undefined) return { answer, tookMs };
  let status = body.status;
  const deadline = Date.now() + followMs;
  while (status !== 'COMPLETED' && status !== 'CANCELLED' && Date.now() < deadline) {
    await sleep(250);
    const order = await fetch(`${checkoutUrl}/v1/orders/${body.id}`, {
      headers: { authorization },
    });
    if (order.ok) status = ((await order.json()) as { status: string }).status;
  }
  return { answer, orderId: body.id, finalStatus: status, tookMs };
}
