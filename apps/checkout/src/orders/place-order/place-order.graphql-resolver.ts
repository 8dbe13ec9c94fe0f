import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import {
  fingerprintRequest,
  IdempotentOperations,
  parseIdempotencyKey,
  type StoredResponse,
  type TransactionalKey,
} from '@shop/idempotency';
import { ZodValidationPipe } from '@shop/platform';
import {
  requireLearner,
  subgraphError,
  type SubgraphContext,
  type SubgraphErrorSpec,
} from '@shop/subgraph';
import { currentCorrelationId } from '@shop/tracing';
import type { OrderError } from '../domain/order.errors.js';
import type { Order } from '../domain/order.js';
import { isOrderError } from '../order-errors.problem.js';
import { toOrderView, type OrderView } from '../order.view.js';
import { PlaceOrderCommand, placeOrderBodySchema } from './place-order.command.js';
import { PlaceOrderHandler } from './place-order.handler.js';
import { orderGraphqlError } from '../order-errors.graphql.js';

interface PlaceOrderInput {
  readonly idempotencyKey: string;
  readonly courseIds: readonly string[];
  readonly cardToken: string;
}

/** What is remembered under the key: the order placed, or the error, exactly as first answered. */
type PlaceOrderOutcome = { readonly order: OrderView } | { readonly error: SubgraphErrorSpec };

// The REST route's scope: one key, one order, whichever transport placed it.
const SCOPE = 'orders.create';
const validBody = new ZodValidationPipe(placeOrderBodySchema);

/**
 * placeOrder: the use case of POST /v1/orders, behind the same idempotency
 * keys (Stripe semantics). The first outcome, order or domain error, is
 * stored and every retry with the key gets it back; another input or another
 * learner with the key gets IDEMPOTENCY_KEY_REUSED.
 */
@Resolver()
export class PlaceOrderGraphqlResolver {
  constructor(
    private readonly placeOrder: PlaceOrderHandler,
    private readonly operations: IdempotentOperations,
  ) {}

  @Mutation('placeOrder')
  async place(
    @Args('input') input: PlaceOrderInput,
    @Context() context: SubgraphContext,
  ): Promise<OrderView> {
    const learnerId = requireLearner(context);
    // Both throw a 400 ProblemException: BAD_USER_INPUT with REST's problem type.
    const key = parseIdempotencyKey(input.idempotencyKey);
    const body = validBody.transform({ courseIds: input.courseIds, cardToken: input.cardToken });
    const fingerprint = fingerprintRequest({
      method: 'MUTATION',
      url: 'placeOrder',
      body: { ...body, learnerId },
    });
    // The key is claimed with the order and completed with its outcome (ADR 0040).
    const outcome = await this.operations.runInTransactions(
      { scope: SCOPE, key, fingerprint },
      (held) => this.placeOnce(PlaceOrderCommand.from(body, learnerId, key), held),
    );
    switch (outcome.kind) {
      case 'ran':
      case 'replayed':
        return orderOrThrow(outcome.response);
      case 'reused':
        throw subgraphError({ code: 'IDEMPOTENCY_KEY_REUSED', problem: outcome.problem });
      case 'in-flight':
        throw subgraphError({
          code: 'IDEMPOTENCY_KEY_IN_FLIGHT',
          problem: outcome.problem,
          extensions: { retryAfterMs: outcome.retryAfterSeconds * 1000 },
        });
    }
  }

  // Domain errors are outcomes (stored when isStoredStatus says so); anything else releases the key.
  private async placeOnce(
    command: PlaceOrderCommand,
    key: TransactionalKey,
  ): Promise<StoredResponse> {
    try {
      return answerOf(await this.placeOrder.execute(command, { key, answer: answerOf }));
    } catch (error) {
      if (!isOrderError(error)) throw error;
      return answerOf(error);
    }
  }
}

// What is stored under the key for this outcome, and answered.
function answerOf(result: Order | OrderError): StoredResponse {
  let outcome: PlaceOrderOutcome;
  if (isOrderError(result)) {
    const spec = orderGraphqlError(result);
    // A replay keeps the first request's correlation id, as REST's stored problem does.
    const extensions = { ...spec.extensions, correlationId: currentCorrelationId() };
    outcome = { error: { ...spec, extensions } };
  } else {
    outcome = { order: toOrderView(result) };
  }
  const status = 'order' in outcome ? 201 : outcome.error.problem.status;
  return { status, headers: {}, body: JSON.stringify(outcome) };
}

// The first answer and every replay take this same path from the stored body.
function orderOrThrow(response: StoredResponse): OrderView {
  const outcome = JSON.parse(response.body) as PlaceOrderOutcome;
  if ('error' in outcome) throw subgraphError(outcome.error);
  return outcome.order;
}
