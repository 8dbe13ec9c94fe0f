import { Logger } from '@nestjs/common';
import { purchaseTimeline, type PurchaseTimeline, type SpanSource } from '@shop/purchase-timeline';
import type { OrderView } from '../order.view.js';

/**
 * An order's purchase timeline: its spans from the tracing backend, joined
 * with the status history checkout keeps. A timeline is a view for people:
 * when the backend is not configured, slow or down, the answer is null (the
 * order itself still answers), never an error of the order.
 */
export class OrderTimelines {
  private readonly logger = new Logger(OrderTimelines.name);

  /** `spans`: the span store (null: no tracing backend configured). */
  constructor(private readonly spans: SpanSource | null) {}

  async of(order: OrderView): Promise<PurchaseTimeline | null> {
    if (!this.spans) return null;
    try {
      return purchaseTimeline(await this.spans.spansOfOrder(order.id), order.history);
    } catch (error) {
      this.logger.warn({
        orderId: order.id,
        err: error,
        msg: 'the span store did not answer; Order.timeline is null',
      });
      return null;
    }
  }
}
