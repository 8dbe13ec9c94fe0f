import { useAppState } from '../app-state';
import { Loading, RequestFailed } from '../components/request-states';
import { MyOrdersQuery } from '../graphql/operations';
import { formatMoney } from '../lib/money';
import { Link } from '../lib/router';
import type { Session } from '../lib/session';
import { useQuery } from '../lib/use-query';

export function OrdersPage() {
  const { session } = useAppState();
  return (
    <>
      <h1 tabIndex={-1}>My orders</h1>
      {session ? (
        <OrderList session={session} />
      ) : (
        <p>Sign in as a demo learner to see your orders.</p>
      )}
    </>
  );
}

function OrderList({ session }: { readonly session: Session }) {
  const result = useQuery(MyOrdersQuery, { first: 20, after: null }, { token: session.token });
  if (result.status === 'loading') return <Loading what="your orders" />;
  if (result.status === 'error') return <RequestFailed error={result.error} retry={result.retry} />;
  const orders = result.data.myOrders.nodes;
  if (orders.length === 0) return <p>No orders yet.</p>;
  return (
    <table className="orders">
      <caption className="visually-hidden">Your orders, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Placed</th>
          <th scope="col">Courses</th>
          <th scope="col">Total</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id}>
            <td>
              <Link to={`/orders/${order.id}`}>{new Date(order.placedAt).toLocaleString()}</Link>
            </td>
            <td>{order.lines.map((line) => line.course.title).join(', ')}</td>
            <td>{formatMoney(order.total)}</td>
            <td>
              <span className={`status status--${order.status.toLowerCase()}`}>{order.status}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
