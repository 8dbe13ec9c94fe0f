import { useId, useMemo, useState } from 'react';
import { useAppState } from '../app-state';
import { RequestFailed } from '../components/request-states';
import type { GraphQLRequestError } from '../graphql/graphql-request-error';
import { PlaceOrderMutation } from '../graphql/operations';
import { TEST_CARDS } from '../lib/cart';
import { Link, useRouter } from '../lib/router';
import { asRequestError, client } from '../lib/use-query';

export function CartPage() {
  const { cart, removeFromCart, clearCart, session } = useAppState();
  const { navigate } = useRouter();
  const [card, setCard] = useState<string>(TEST_CARDS[0].token);
  const [placing, setPlacing] = useState(false);
  const [error, setError] = useState<GraphQLRequestError>();
  const cardId = useId();
  // One key per purchase: trying the same cart and card again (after a network
  // failure) reuses it, so the order is placed at most once.
  const idempotencyKey = useMemo(() => purchaseKey(cart, card), [cart, card]);

  const placeOrder = async () => {
    if (!session) return;
    setPlacing(true);
    setError(undefined);
    try {
      const data = await client.execute(
        PlaceOrderMutation,
        { input: { idempotencyKey, courseIds: cart.map((c) => c.courseId), cardToken: card } },
        { token: session.token },
      );
      clearCart();
      navigate(`/orders/${data.placeOrder.id}`);
    } catch (caught) {
      setError(asRequestError(caught));
      setPlacing(false);
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>Cart</h1>
      {cart.length === 0 ? (
        <p>
          The cart is empty. <Link to="/">Browse the courses</Link>
        </p>
      ) : (
        <form
          className="cart"
          onSubmit={(event) => {
            event.preventDefault();
            void placeOrder();
          }}
        >
          <ul className="cart-items">
            {cart.map((item) => (
              <li key={item.courseId}>
                <Link to={`/courses/${item.courseId}`}>{item.title}</Link>{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove ${item.title} from the cart`}
                  onClick={() => {
                    removeFromCart(item.courseId);
                  }}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <label htmlFor={cardId}>Test card</label>
          <select
            id={cardId}
            value={card}
            onChange={(event) => {
              setCard(event.target.value);
            }}
          >
            {TEST_CARDS.map((c) => (
              <option key={c.token} value={c.token}>
                {c.label} ({c.token})
              </option>
            ))}
          </select>
          {session ? (
            <button type="submit" disabled={placing}>
              {placing ? 'Placing the order…' : 'Place order'}
            </button>
          ) : (
            <p className="notice">
              Sign in as a demo learner (top of the page) to place the order.
            </p>
          )}
          {error ? (
            <RequestFailed
              error={error}
              retry={() => {
                void placeOrder();
              }}
            />
          ) : null}
          {error?.code === 'PAYMENT_DECLINED' ? (
            <p>
              The order was cancelled and nothing was charged: see{' '}
              {error.failure.kind === 'graphql' && error.failure.orderId ? (
                <Link to={`/orders/${error.failure.orderId}`}>
                  the cancelled order and its timeline
                </Link>
              ) : (
                <Link to="/orders">My orders</Link>
              )}
              .
            </p>
          ) : null}
        </form>
      )}
    </>
  );
}

/** A new key whenever what is bought, or with which card, changes. */
function purchaseKey(_cart: unknown, _card: string): string {
  return crypto.randomUUID();
}
