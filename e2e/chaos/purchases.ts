import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { learnerAuthorization } from '../support/dev-tokens.js';
import { COURSES, type ChaosPlan } from './chaos-plan.js';

/** One purchase: one learner, one idempotency key, sent once or more. */
export interface Purchase {
  readonly index: number;
  readonly key: string;
  readonly learnerId: string;
  readonly via: 'rest' | 'graphql';
  readonly courseId: string;
  readonly card: 'tok_visa' | 'tok_declined';
  /** Sent this many times at once (2: a concurrent duplicate). */
  readonly copies: number;
}

/** How one send of a purchase ended, after its retries. */
export type Answer =
  | { readonly kind: 'placed'; readonly orderId: string }
  | { readonly kind: 'declined'; readonly orderId: string }
  | { readonly kind: 'refused'; readonly detail: string }
  | { readonly kind: 'gave-up'; readonly detail: string };

export interface PurchaseRecord {
  readonly purchase: Purchase;
  readonly answers: Answer[];
  /** Every answer seen on the way, e.g. `503`, `409`, `ECONNREFUSED`, with counts. */
  readonly seen: Map<string, number>;
}

/**
 * A deterministic mix (a small PRNG seeded by the run's seed): the same seed
 * gives the same purchases, so a failing run can be repeated.
 */
export function planPurchases(plan: ChaosPlan, seed: number): Purchase[] {
  const random = mulberry32(seed);
  return Array.from({ length: plan.purchases }, (_, index) => ({
    index,
    key: randomUUID(),
    learnerId: randomUUID(),
    via: random() < plan.graphqlShare ? 'graphql' : 'rest',
    courseId: random() < plan.oneSeatShare ? COURSES.oneSeat : COURSES.roomy,
    card: random() < plan.declinedShare ? 'tok_declined' : 'tok_visa',
    copies: random() < plan.concurrentDuplicateShare ? 2 : 1,
  }));
}

export interface Edges {
  readonly checkoutUrl: string;
  readonly bffUrl: string;
}

/**
 * Sends a purchase as a patient client would: the same key again after a
 * 503, a 409 (request in progress), a 5xx, a timeout or a refused connection,
 * honouring Retry-After, until a definitive answer or `withinMs` runs out.
 */
export async function send(
  edges: Edges,
  purchase: Purchase,
  record: PurchaseRecord,
  withinMs: number,
): Promise<Answer> {
  const deadline = Date.now() + withinMs;
  for (let attempt = 0; ; attempt++) {
    const step = await (purchase.via === 'rest'
      ? sendRest(edges.checkoutUrl, purchase)
      : sendGraphql(edges.bffUrl, purchase));
    record.seen.set(step.seen, (record.seen.get(step.seen) ?? 0) + 1);
    if (step.answer) return step.answer;
    if (Date.now() > deadline)
      return { kind: 'gave-up', detail: `no definitive answer; last: ${step.seen}` };
    const backoff = Math.min(3_000, 100 * 2 ** Math.min(attempt, 5));
    await sleep(Math.max(step.retryAfterMs ?? 0, backoff * (0.5 + Math.random() / 2)));
  }
}

interface Step {
  readonly seen: string;
  readonly answer?: Answer;
  readonly retryAfterMs?: number | undefined;
}

async function sendRest(baseUrl: string, purchase: Purchase): Promise<Step> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: await learnerAuthorization(purchase.learnerId),
        'content-type': 'application/json',
        'idempotency-key': purchase.key,
      },
      body: JSON.stringify({ courseIds: [purchase.courseId], cardToken: purchase.card }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return { seen: networkError(error) };
  }
  const body = (await res.json().catch(() => null)) as {
    id?: unknown;
    orderId?: unknown;
    type?: unknown;
  } | null;
  const seen = String(res.status);
  const retryAfterMs = retryAfter(res.headers.get('retry-after'));
  if (res.status === 201 || res.status === 200) {
    return typeof body?.id === 'string'
      ? { seen, answer: { kind: 'placed', orderId: body.id } }
      : { seen, answer: { kind: 'refused', detail: `${seen} without an order id` } };
  }
  if (res.status === 402 && typeof body?.orderId === 'string')
    return { seen, answer: { kind: 'declined', orderId: body.orderId } };
  if (res.status === 409 || res.status === 503 || res.status >= 500) {
    const type = typeof body?.type === 'string' ? body.type.replace(/^.*\//, '') : '';
    return { seen: `${seen} ${type}`.trim(), retryAfterMs };
  }
  return { seen, answer: { kind: 'refused', detail: `${seen} ${JSON.stringify(body)}` } };
}

const PLACE_ORDER = /* GraphQL */ `
  mutation Chaos($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      status
    }
  }
`;

interface GraphqlBody {
  data?: { placeOrder?: { id: string } | null } | null;
  errors?: { extensions?: Record<string, unknown> }[];
}

async function sendGraphql(bffUrl: string, purchase: Purchase): Promise<Step> {
  let res: Response;
  try {
    res = await fetch(`${bffUrl}/graphql`, {
      method: 'POST',
      headers: {
        authorization: await learnerAuthorization(purchase.learnerId),
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        query: PLACE_ORDER,
        variables: {
          input: {
            idempotencyKey: purchase.key,
            courseIds: [purchase.courseId],
            cardToken: purchase.card,
          },
        },
      }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return { seen: `graphql ${networkError(error)}` };
  }
  const body = (await res.json().catch(() => null)) as GraphqlBody | null;
  const placed = body?.data?.placeOrder;
  if (placed) return { seen: 'graphql ok', answer: { kind: 'placed', orderId: placed.id } };
  const extensions = body?.errors?.[0]?.extensions ?? {};
  const code = typeof extensions.code === 'string' ? extensions.code : `http ${res.status}`;
  const seen = `graphql ${code}`;
  const orderId = extensions.orderId;
  if (code === 'PAYMENT_DECLINED' && typeof orderId === 'string')
    return { seen, answer: { kind: 'declined', orderId } };
  const retryAfterMs =
    typeof extensions.retryAfterMs === 'number' ? extensions.retryAfterMs : undefined;
  if (code === 'BAD_USER_INPUT' || code === 'IDEMPOTENCY_KEY_REUSED' || code === 'FORBIDDEN')
    return { seen, answer: { kind: 'refused', detail: `${seen} ${JSON.stringify(body)}` } };
  return { seen, retryAfterMs };
}

function networkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'network error';
}

function retryAfter(header: string | null): number | undefined {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) ? Math.min(seconds, 5) * 1_000 : undefined;
}

/** mulberry32: a tiny seeded PRNG, good enough to pick a mix. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
