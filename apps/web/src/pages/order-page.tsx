import { useAppState } from '../app-state';
import { Loading, RequestFailed } from '../components/request-states';
import { OrderTimeline } from '../components/order-timeline';
import { OrderPageQuery } from '../graphql/operations';
import { formatMoney } from '../lib/money';
import { Link } from '../lib/router';
import type { Session } from '../lib/session';
import { TERMINAL_STATUSES } from '../lib/status-steps';
import { useQuery } from '../lib/use-query';

export function OrderPage({ id }: { readonly id: string }) {
  const { session } = useAppState();
  if (!session) {
    return (
      <>
        <h1 tabIndex={-1}>Order</h1>
        <p>Sign in as a demo learner to see this order.</p>
      </>
    );
  }
  return <OrderDetails id={id} session={session} />;
}

function OrderDetails({ id, session }: { readonly id: string; readonly session: Session }) {
  // Live: poll while the purchase is still under way; stop once it is COMPLETED or CANCELLED.
  const result = useQuery(
    OrderPageQuery,
    { id },
    {
      token: session.token,
      pollWhile: (data) => data.order !== null && !TERMINAL_STATUSES.includes(data.order.status),
    },
  );
  if (result.status === 'loading') return <Loading what="the order" />;
  if (result.status === 'error') return <RequestFailed error={result.error} retry={result.retry} />;
  const order = result.data.order;
  if (!order) {
    return (
      <>
        <h1 tabIndex={-1}>Order not found</h1>
        <p>
          <Link to="/orders">Back to my orders</Link>
        </p>
      </>
    );
  }
  const live = !TERMINAL_STATUSES.includes(order.status);
  return (
    <article>
      <h1 tabIndex={-1}>Order {order.id.slice(0, 8)}</h1>
      <p className="order-status" role="status" aria-live="polite">
        Status:{' '}
        <span className={`status status--${order.status.toLowerCase()}`}>{order.status}</span>
        {live ? ' — updating live' : ''}
      </p>
      <dl className="facts">
        <dt>Placed</dt>
        <dd>{new Date(order.placedAt).toLocaleString()}</dd>
        <dt>Total</dt>
        <dd>{formatMoney(order.total)}</dd>
        <dt>Payment</dt>
        <dd>{order.payment?.status ?? 'none'}</dd>
        <dt>Receipt</dt>
        <dd>
          {order.receipt
            ? `sent ${new Date(order.receipt.sentAt).toLocaleTimeString()}`
            : order.status === 'CANCELLED'
              ? 'none (a cancelled order gets no receipt)'
              : 'not yet'}
        </dd>
      </dl>
      <h2>Courses</h2>
      <ul>
        {order.lines.map((line) => (
          <li key={line.course.id}>
            <Link to={`/courses/${line.course.id}`}>{line.course.title}</Link> —{' '}
            {formatMoney(line.price)}
          </li>
        ))}
      </ul>
      <OrderTimeline orderId={order.id} />
    </article>
  );
}
