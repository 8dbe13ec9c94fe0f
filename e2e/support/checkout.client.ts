import { randomUUID } from 'node:crypto';
import { learnerAuthorization } from './dev-tokens.js';

/** The demo catalog's course ids (apps/checkout/prisma/seed.sql and enrollment's seats). */
export const COURSES = {
  messaging101: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01', // 100 seats
  grpcInPractice: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f02', // 50 seats
  kafkaDeepDive: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f03', // 50 seats
  outboxMasterclass: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f04', // a single seat
} as const;

export type OrderStatus = 'PENDING_PAYMENT' | 'PAID' | 'ENROLLING' | 'COMPLETED' | 'CANCELLED';

export interface OrderView {
  id: string;
  learnerId: string;
  status: OrderStatus;
  lines: { courseId: string; price: { amountMinor: number; currency: string } }[];
  total: { amountMinor: number; currency: string };
  paymentId: string | null;
  refundId: string | null;
  history: { from: OrderStatus | null; to: OrderStatus; reason: string; at: string }[];
  links: { self: string };
}

/** An order as a test places it: `learnerId` is who is signed in (a bearer token, never the body). */
export interface PlaceOrderRequest {
  learnerId: string;
  courseIds: string[];
  cardToken?: string;
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  /** The raw body, for byte-for-byte comparisons. */
  text: string;
  json: T;
  tookMs: number;
}

/**
 * checkout's REST API as a client sees it: plain `fetch` on 127.0.0.1, signed
 * in as the order's learner. It remembers who placed each order, so that
 * `getOrder` reads it as that learner unless told otherwise.
 */
export class CheckoutClient {
  private readonly learnerOfOrder = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  static onPort(port: number): CheckoutClient {
    return new CheckoutClient(`http://127.0.0.1:${port}`);
  }

  async placeOrder(
    { learnerId, ...body }: PlaceOrderRequest,
    idempotencyKey: string = randomUUID(),
    headers: Record<string, string> = {},
  ): Promise<Answer<OrderView>> {
    const answer = await this.call<OrderView>('POST', '/v1/orders', {
      headers: {
        authorization: await learnerAuthorization(learnerId),
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    const orderId = (answer.json as { id?: unknown; orderId?: unknown } | null) ?? {};
    const id = typeof orderId.id === 'string' ? orderId.id : orderId.orderId;
    if (typeof id === 'string') this.learnerOfOrder.set(id, learnerId);
    return answer;
  }

  /** The order, read as `learnerId` (by default the learner who placed it through this client). */
  async getOrder(id: string, learnerId = this.learnerOfOrder.get(id)): Promise<Answer<OrderView>> {
    const headers: Record<string, string> =
      learnerId === undefined ? {} : { authorization: await learnerAuthorization(learnerId) };
    return this.call('GET', `/v1/orders/${id}`, { headers });
  }

  private async call<T>(method: string, path: string, init: RequestInit): Promise<Answer<T>> {
    const started = performance.now();
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      method,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    const tookMs = performance.now() - started;
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: (text ? JSON.parse(text) : null) as T,
      tookMs,
    };
  }
}

/** The `type` of a problem+json answer. */
export function problemType(answer: Answer): string | undefined {
  const body = answer.json as { type?: unknown } | null;
  return typeof body?.type === 'string' ? body.type : undefined;
}

/** A learner nobody else uses, so each test reads only its own effects. */
export function newLearner(): string {
  return randomUUID();
}
