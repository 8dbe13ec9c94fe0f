import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CollectorSpanSource, JaegerSpanSource, type SpanSource } from '@shop/purchase-timeline';
import type { CheckoutConfig } from '../../config.js';
import { OrderTimelines } from './order-timelines.js';

type TimelineConfig = Pick<
  CheckoutConfig,
  'TRACE_SPANS_URL' | 'JAEGER_QUERY_URL' | 'TIMELINE_TIMEOUT_MS'
>;

// The services whose spans carry `shop.order_id` (checkout's request and
// outbox, enrollment's consumer and outbox): Jaeger's search needs a service.
const SERVICES_THAT_NAME_ORDERS = ['checkout', 'enrollment'];

/** The span store the config names: the local collector, Jaeger, or none. */
export function spanSourceOf(config: TimelineConfig): SpanSource | null {
  if (config.TRACE_SPANS_URL)
    return new CollectorSpanSource(config.TRACE_SPANS_URL, config.TIMELINE_TIMEOUT_MS);
  if (config.JAEGER_QUERY_URL)
    return new JaegerSpanSource({
      baseUrl: config.JAEGER_QUERY_URL,
      services: SERVICES_THAT_NAME_ORDERS,
      timeoutMs: config.TIMELINE_TIMEOUT_MS,
    });
  return null;
}

/** Provides `OrderTimelines` to the graph's resolvers. */
@Global()
@Module({})
export class OrderTimelineModule {
  static forRoot(config: TimelineConfig, spans = spanSourceOf(config)): DynamicModule {
    return {
      module: OrderTimelineModule,
      providers: [{ provide: OrderTimelines, useValue: new OrderTimelines(spans) }],
      exports: [OrderTimelines],
    };
  }
}
