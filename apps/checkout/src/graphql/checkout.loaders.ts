import { Injectable } from '@nestjs/common';
import { batchLoader, isUuid, type LoadersFactory } from '@shop/subgraph';
import DataLoader from 'dataloader';
import { CoursesRepository } from '../catalog/courses.repository.js';
import type { Course } from '../catalog/domain/course.js';
import { OrdersRepository } from '../orders/orders.repository.js';
import { toOrderView, type OrderView } from '../orders/order.view.js';
import { PaymentLookup, type PaymentLookupOutcome } from '../payments/payment-lookup.port.js';

/** One request's loaders: each batches a level of the query into one query (or call per id). */
export interface CheckoutLoaders {
  readonly courseById: DataLoader<string, Course | undefined>;
  readonly orderById: DataLoader<string, OrderView | undefined>;
  /** GetPayment is unary: one gRPC call per distinct payment id, all at once. */
  readonly paymentById: DataLoader<string, PaymentLookupOutcome>;
}

@Injectable()
export class CheckoutLoadersFactory implements LoadersFactory<CheckoutLoaders> {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly orders: OrdersRepository,
    private readonly payments: PaymentLookup,
  ) {}

  forRequest(): CheckoutLoaders {
    return {
      courseById: batchLoader(
        onlyUuids((ids) => this.courses.byIds(ids)),
        (course) => course.id,
      ),
      orderById: batchLoader(
        onlyUuids(async (ids) => (await this.orders.byIds(ids)).map(toOrderView)),
        (order) => order.id,
      ),
      paymentById: new DataLoader((ids) => Promise.all(ids.map((id) => this.payments.byId(id)))),
    };
  }
}

// A malformed id (from a client or a representation) matches no row: do not send it to a uuid column.
function onlyUuids<V>(fetchMany: (ids: readonly string[]) => Promise<V[]>) {
  return (ids: readonly string[]): Promise<V[]> => {
    const valid = ids.filter(isUuid);
    return valid.length === 0 ? Promise.resolve([]) : fetchMany(valid);
  };
}
