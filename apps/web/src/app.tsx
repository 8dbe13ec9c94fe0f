import { useEffect, useRef, useState } from 'react';
import { AppStateProvider, useAppState } from './app-state';
import { DevSignIn } from './components/dev-sign-in';
import { drillsApi } from './lib/drills-api';
import { Link, RouterProvider, useRouter } from './lib/router';
import { routeOf, type Route } from './lib/routes';
import { CartPage } from './pages/cart-page';
import { CatalogPage } from './pages/catalog-page';
import { CoursePage } from './pages/course-page';
import { DrillsPage } from './pages/drills-page';
import { OrderPage } from './pages/order-page';
import { OrdersPage } from './pages/orders-page';

export function App() {
  return (
    <RouterProvider>
      <AppStateProvider>
        <Shell />
      </AppStateProvider>
    </RouterProvider>
  );
}

const TITLES: Record<Route['page'], string> = {
  catalog: 'Courses',
  course: 'Course',
  cart: 'Cart',
  orders: 'My orders',
  order: 'Order',
  drills: 'Drills',
  'not-found': 'Not found',
};

function Shell() {
  const { path } = useRouter();
  const { cart } = useAppState();
  const route = routeOf(path);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const drillsOn = useDrillsOn();

  // Focus management: after a route change, focus moves to the new page's
  // heading, so a screen reader announces the page and Tab starts there. A
  // page still loading has none yet: main holds focus until its h1 appears.
  useEffect(() => {
    document.title = `${TITLES[route.page]} · course-shop`;
    const target = main.current;
    if (first.current || !target) {
      first.current = false;
      return;
    }
    const focusHeading = () => {
      const heading = target.querySelector<HTMLElement>('h1');
      heading?.focus();
      return heading !== null;
    };
    if (focusHeading()) return;
    target.focus();
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(target, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
    };
  }, [path, route.page]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <p className="brand">
          <Link to="/">course-shop</Link>
        </p>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to="/">Courses</Link>
            </li>
            <li>
              <Link to="/cart">Cart ({cart.length})</Link>
            </li>
            <li>
              <Link to="/orders">My orders</Link>
            </li>
            {drillsOn ? (
              <li>
                <Link to="/drills">Drills</Link>
              </li>
            ) : null}
          </ul>
        </nav>
        <DevSignIn />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer className="site-footer">
        <p>
          A teaching reference: every purchase goes GraphQL → checkout → payment (gRPC) → enrollment
          (AMQP) → Kafka events.
        </p>
      </footer>
    </>
  );
}

/** Whether the stack runs with its fault API: the header links the drills panel only then. */
function useDrillsOn(): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    let current = true;
    drillsApi.status().then(
      (status) => {
        if (current) setOn(status.on);
      },
      () => undefined, // no link: the page itself says why when opened
    );
    return () => {
      current = false;
    };
  }, []);
  return on;
}

function Page({ route }: { readonly route: Route }) {
  switch (route.page) {
    case 'catalog':
      return <CatalogPage />;
    case 'course':
      return <CoursePage key={route.id} id={route.id} />;
    case 'cart':
      return <CartPage />;
    case 'orders':
      return <OrdersPage />;
    case 'order':
      return <OrderPage key={route.id} id={route.id} />;
    case 'drills':
      return <DrillsPage />;
    case 'not-found':
      return (
        <>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            <Link to="/">Back to the courses</Link>
          </p>
        </>
      );
  }
}
