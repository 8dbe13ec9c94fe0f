import { useState } from 'react';
import { useAppState } from '../app-state';
import { Loading, RequestFailed } from '../components/request-states';
import { CatalogPageQuery } from '../graphql/operations';
import { formatMoney } from '../lib/money';
import { Link } from '../lib/router';
import { useQuery } from '../lib/use-query';

const PAGE_SIZE = 3;

/** The catalog, a page at a time: the bff pages forward by cursor; going back replays the cursors seen. */
export function CatalogPage() {
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const result = useQuery(CatalogPageQuery, { first: PAGE_SIZE, after });
  const { cart, addToCart } = useAppState();

  return (
    <>
      <h1 tabIndex={-1}>Courses</h1>
      {result.status === 'loading' ? <Loading what="the catalog" /> : null}
      {result.status === 'error' ? (
        <RequestFailed error={result.error} retry={result.retry} />
      ) : null}
      {result.status === 'ok' ? (
        <>
          <ul className="course-grid" aria-busy={result.refreshing}>
            {result.data.courses.nodes.map((course) => {
              const inCart = cart.some((c) => c.courseId === course.id);
              return (
                <li key={course.id} className="card">
                  <h2>
                    <Link to={`/courses/${course.id}`}>{course.title}</Link>
                  </h2>
                  <p className="price">{formatMoney(course.price)}</p>
                  <p>{seatsText(course.seats?.available)}</p>
                  <button
                    type="button"
                    disabled={inCart}
                    aria-label={`${inCart ? 'In the cart' : 'Add to cart'}: ${course.title}`}
                    onClick={() => {
                      addToCart({ courseId: course.id, title: course.title });
                    }}
                  >
                    {inCart ? 'In the cart' : 'Add to cart'}
                  </button>
                </li>
              );
            })}
          </ul>
          <nav aria-label="Catalog pages" className="pager">
            <button
              type="button"
              disabled={cursors.length === 1}
              onClick={() => {
                setCursors(cursors.slice(0, -1));
              }}
            >
              Previous page
            </button>
            <span>Page {cursors.length}</span>
            <button
              type="button"
              disabled={!result.data.courses.nextCursor}
              onClick={() => {
                setCursors([...cursors, result.data.courses.nextCursor ?? null]);
              }}
            >
              Next page
            </button>
          </nav>
        </>
      ) : null}
    </>
  );
}

export function seatsText(available: number | undefined): string {
  if (available === undefined) return 'Seats: unknown right now';
  if (available === 0) return 'Fully booked';
  return available === 1 ? '1 seat left' : `${String(available)} seats left`;
}
