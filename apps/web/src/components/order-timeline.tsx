import { useAppState } from '../app-state';
import { OrderPageQuery } from '../graphql/operations';
import { stepsFromHistory, TERMINAL_STATUSES } from '../lib/timeline-steps';
import { useQuery } from '../lib/use-query';
import { Loading, RequestFailed } from './request-states';
import { StatusTimeline } from './status-timeline';

/**
 * One order's timeline, live until it is COMPLETED or CANCELLED: today the
 * order's status history (what the order page draws). The trace-based
 * timeline of issue 16 takes this component's place with the same props.
 */
export function OrderTimeline({ orderId }: { orderId: string }) {
  const { session } = useAppState();
  const result = useQuery(
    OrderPageQuery,
    { id: orderId },
    {
      token: session?.token,
      pollWhile: (data) => data.order !== null && !TERMINAL_STATUSES.includes(data.order.status),
    },
  );
  if (!session) return <p>Sign in as a demo learner to follow the order.</p>;
  if (result.status === 'loading') return <Loading what="the order's timeline" />;
  if (result.status === 'error') return <RequestFailed error={result.error} retry={result.retry} />;
  const order = result.data.order;
  if (!order) return <p>Order {orderId} was not found.</p>;
  return (
    <div className="order-timeline">
      <p className="order-status" role="status" aria-live="polite">
        Status:{' '}
        <span className={`status status--${order.status.toLowerCase()}`}>{order.status}</span>
        {TERMINAL_STATUSES.includes(order.status) ? '' : ' — updating live'}
      </p>
      <StatusTimeline
        label={`Status history of order ${order.id.slice(0, 8)}`}
        steps={stepsFromHistory(order.history)}
      />
    </div>
  );
}
