import { useAppState } from '../app-state';
import { Loading, RequestFailed } from '../components/request-states';
import { CoursePageQuery } from '../graphql/operations';
import { formatMoney } from '../lib/money';
import { Link } from '../lib/router';
import { useQuery } from '../lib/use-query';
import { seatsText } from './catalog-page';

export function CoursePage({ id }: { readonly id: string }) {
  const result = useQuery(CoursePageQuery, { id });
  const { cart, addToCart } = useAppState();
  if (result.status === 'loading') return <Loading what="the course" />;
  if (result.status === 'error') return <RequestFailed error={result.error} retry={result.retry} />;
  const course = result.data.course;
  if (!course) {
    return (
      <>
        <h1 tabIndex={-1}>Course not found</h1>
        <p>
          No course has this id. <Link to="/">Back to the courses</Link>
        </p>
      </>
    );
  }
  const inCart = cart.some((c) => c.courseId === course.id);
  return (
    <article>
      <h1 tabIndex={-1}>{course.title}</h1>
      <p>{course.description}</p>
      <dl className="facts">
        <dt>Price</dt>
        <dd className="price">{formatMoney(course.price)}</dd>
        <dt>Seats</dt>
        <dd>
          {seatsText(course.seats?.available)}
          {course.seats ? ` (of ${String(course.seats.capacity)})` : ''}
        </dd>
      </dl>
      <p className="actions">
        <button
          type="button"
          disabled={inCart}
          onClick={() => {
            addToCart({ courseId: course.id, title: course.title });
          }}
        >
          {inCart ? 'In the cart' : 'Add to cart'}
        </button>{' '}
        <Link to="/cart">Go to the cart</Link>
      </p>
    </article>
  );
}
