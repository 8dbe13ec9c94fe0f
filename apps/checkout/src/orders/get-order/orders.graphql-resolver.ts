import {
  Args,
  Context,
  Int,
  Parent,
  Query,
  ResolveField,
  ResolveReference,
  Resolver,
} from '@nestjs/graphql';
import { catalogProblem } from '../../catalog/catalog-errors.problem.js';
import { InvalidCursorError } from '../../catalog/list-courses/course-cursor.js';
import { PaymentUnavailableError } from '../domain/order.errors.js';
import { toOrderView, type OrderView } from '../order.view.js';
import type { PaymentView } from '../../payments/payment-lookup.port.js';
import { forbidden, requireLearner, subgraphError, type SubgraphContext } from '@shop/subgraph';
import type { CheckoutLoaders } from '../../graphql/checkout.loaders.js';
import { pageSize } from '../../catalog/list-courses/courses.graphql-resolver.js';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor.js';
import { orderGraphqlError } from '../order-errors.graphql.js';
import { OrdersRepository } from '../orders.repository.js';

type Context = SubgraphContext<CheckoutLoaders>;

/** A learner's orders in the graph: only their own, whoever asks and however (query or entity). */
@Resolver('Order')
export class OrdersGraphqlResolver {
  constructor(private readonly orders: OrdersRepository) {}

  @Query('order')
  order(@Args('id') id: string, @Context() context: Context): Promise<OrderView | undefined> {
    return ownOrder(id, context);
  }

  @Query('myOrders')
  async myOrders(
    @Args('first', { type: () => Int }) first: number,
    @Args('after') after: string | undefined,
    @Context() context: Context,
  ) {
    const learnerId = requireLearner(context);
    const limit = pageSize(first);
    // One extra row tells whether another page exists without a COUNT.
    const rows = await this.orders.pageOfLearner(learnerId, position(after), limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      nodes: page.map((row) => toOrderView(row.order)),
      nextCursor:
        rows.length > limit && last
          ? encodeOrderCursor({ createdAt: last.createdAt, id: last.order.snapshot.id })
          : null,
    };
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: Context): Promise<OrderView | undefined> {
    return ownOrder(reference.id, context);
  }

  // The order's creation is the first entry of its history.
  @ResolveField('placedAt')
  placedAt(@Parent() order: OrderView): string | undefined {
    return order.history[0]?.at;
  }

  @ResolveField('payment')
  async payment(
    @Parent() order: OrderView,
    @Context() { loaders }: Context,
  ): Promise<PaymentView | null> {
    if (order.paymentId === null) return null;
    const outcome = await loaders.paymentById.load(order.paymentId);
    switch (outcome.kind) {
      case 'found':
        return outcome.payment;
      case 'not-found':
        return null;
      case 'unavailable':
        throw subgraphError(
          orderGraphqlError(new PaymentUnavailableError(outcome.reason, outcome.retryAfterMs)),
        );
    }
  }
}

/** The order if it is the signed-in learner's; null if there is none; FORBIDDEN if it is another's. */
async function ownOrder(id: string, context: Context): Promise<OrderView | undefined> {
  const learnerId = requireLearner(context);
  const order = await context.loaders.orderById.load(id);
  if (order && order.learnerId !== learnerId) throw forbidden(`order ${id} is not yours`);
  return order;
}

// An absent argument is undefined, an explicit null is null: both mean "from the start".
function position(after: string | null | undefined) {
  if (after == null) return undefined;
  try {
    return decodeOrderCursor(after);
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    throw subgraphError({ code: 'BAD_USER_INPUT', problem: catalogProblem(error) });
  }
}
