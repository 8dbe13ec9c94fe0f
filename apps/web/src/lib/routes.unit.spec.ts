import { describe, expect, it } from 'vitest';
import { routeOf } from './routes';

describe('routeOf', () => {
  it.each([
    ['/', { page: 'catalog' }],
    ['/courses/abc', { page: 'course', id: 'abc' }],
    ['/cart', { page: 'cart' }],
    ['/orders', { page: 'orders' }],
    ['/orders/o-1', { page: 'order', id: 'o-1' }],
    ['/orders/o-1/extra', { page: 'not-found' }],
    ['/drills', { page: 'drills' }],
    ['/drills/api', { page: 'not-found' }],
    ['/nope', { page: 'not-found' }],
  ])('maps %s', (path, route) => {
    expect(routeOf(path)).toEqual(route);
  });
});
