import { z } from 'zod';

/** Most courses one order may hold. */
export const MAX_COURSES_PER_ORDER = 20;

/** The body of `POST /v1/orders`; the learner who buys is the bearer token's, never the body's. */
export const placeOrderBodySchema = z
  .object({
    courseIds: z
      .array(z.uuid())
      .min(1)
      .max(MAX_COURSES_PER_ORDER)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a course')
      .describe('The courses to buy, each once.'),
    cardToken: z
      .string()
      .regex(/^tok_[a-z0-9_]{1,60}$/)
      .default('tok_visa')
      .describe(
        "A test card of payment's simulated processor (see payment's README); never a card number.",
      ),
  })
  .strict()
  .meta({ id: 'PlaceOrderRequest' });

export type PlaceOrderBody = z.infer<typeof placeOrderBodySchema>;

/** One request to place an order, as the use case takes it. */
export class PlaceOrderCommand {
  private constructor(
    readonly idempotencyKey: string,
    readonly learnerId: string,
    readonly courseIds: readonly string[],
    readonly cardToken: string,
  ) {}

  /**
   * `learnerId` is the verified learner (a bearer token, the gateway's token);
   * `idempotencyKey` was already checked; the body by its schema.
   */
  static from(body: PlaceOrderBody, learnerId: string, idempotencyKey: string): PlaceOrderCommand {
    return new PlaceOrderCommand(idempotencyKey, learnerId, body.courseIds, body.cardToken);
  }
}
