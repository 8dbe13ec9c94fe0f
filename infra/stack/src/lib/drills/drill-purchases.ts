import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { developmentLearnerTokens } from '@shop/identity/testing';

/** Courses of the demo catalog a drill buys (apps/checkout/prisma/seed.sql, enrollment's seats). */
export const DRILL_COURSES = {
  /** The roomiest: 100 seats. */
  'messaging-101': '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01',
  /** 50 seats: the load drills buy it, so the other courses keep theirs. */
  'grpc-in-practice': '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f02',
  /** A single seat: the second purchase is compensated. */
  'outbox-masterclass': '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f04',
} as const;
export type DrillCourse = keyof typeof DRILL_COURSES;

const learnerTokens = developmentLearnerTokens();

/** What became of one purchase the drill placed. */
export interface PurchaseOutcome {
  readonly answer: string;
  readonly orderId?: string | undefined;
  /** The order's status once it stopped moving (or when the drill stopped waiting). */
  readonly finalStatus?: string | undefined;
  /** Why the order was CANCELLED (its last history entry), and whether the payment was refunded. */
  readonly cancelled?: { readonly reason: string; readonly refunded: boolean } | undefined;
  readonly tookMs: number;
}

export interface PurchaseOptions {
  /** Ask a 503 again with the same key after its Retry-After, within `followMs`. */
  readonly retryAfter503?: boolean;
  readonly course?: DrillCourse;
}

/**
 * Places one purchase through checkout's REST API as a fresh learner with
 * the approved test card, then follows the order until it is COMPLETED or
 * CANCELLED, or `followMs` passes: what a client would see during the drill.
 * With `retryAfter503`, a 503 is asked again with the same key after its
 * Retry-After, as a well-behaved client would, within `followMs`.
 */
export async function purchase(
  checkoutUrl: string,
  followMs: number,
  { retryAfter503 = false, course = 'messaging-101' }: PurchaseOptions = {},
): Promise<PurchaseOutcome> {
  const learnerId = randomUUID();
  const authorization = `Bearer ${(await learnerTokens.issue(learnerId)).token}`;
  const idempotencyKey = randomUUID();
  const started = Date.now();
  const deadline = started + followMs;
  const answers: string[] = [];
  let placed: { id?: string; status?: string };
  for (;;) {
    const sent = await place(checkoutUrl, authorization, idempotencyKey, DRILL_COURSES[course]);
    answers.push(sent.answer);
    placed = sent.body;
    // A client honours Retry-After and asks again with the same key (never a second order).
    if (!retryAfter503 || sent.retryAfterS === undefined || Date.now() >= deadline) break;
    await sleep(sent.retryAfterS * 1_000);
  }
  const answer = answers.join(', then ');
  const tookMs = Date.now() - started;
  if (placed.id === undefined) return { answer, tookMs };
  let order: OrderReading = { status: placed.status };
  while (order.status !== 'COMPLETED' && order.status !== 'CANCELLED' && Date.now() < deadline) {
    await sleep(250);
    const res = await fetch(`${checkoutUrl}/v1/orders/${placed.id}`, {
      headers: { authorization },
    });
    if (res.ok) order = (await res.json()) as OrderReading;
  }
  const last = order.history?.at(-1);
  const cancelled =
    order.status === 'CANCELLED' && last
      ? { reason: last.reason, refunded: order.refundId != null }
      : undefined;
  return { answer, orderId: placed.id, finalStatus: order.status, cancelled, tookMs };
}

/** The part of `GET /v1/orders/:id` a drill prints. */
interface OrderReading {
  readonly status?: string | undefined;
  readonly refundId?: string | null;
  readonly history?: readonly { readonly reason: string }[];
}

async function place(
  checkoutUrl: string,
  authorization: string,
  idempotencyKey: string,
  courseId: string,
) {
  let res: Response;
  try {
    res = await fetch(`${checkoutUrl}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify({ courseIds: [courseId], cardToken: 'tok_visa' }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { answer: `no answer (${why})`, body: {}, retryAfterS: undefined };
  }
  const body = (await res.json().catch(() => ({}))) as {
    id?: string;
    status?: string;
    type?: string;
  };
  const retryAfter = res.headers.get('retry-after');
  // The problem's type, by its slug (e.g. payment-unavailable): short enough to print per retry.
  const problem = body.type?.split('/').pop();
  const answer = `${res.status}${problem ? ` ${problem}` : ''}${retryAfter ? ` Retry-After: ${retryAfter}` : ''}`;
  const retryAfterS =
    res.status === 503 && retryAfter !== null && Number(retryAfter) > 0
      ? Number(retryAfter)
      : undefined;
  return { answer, body, retryAfterS };
}
