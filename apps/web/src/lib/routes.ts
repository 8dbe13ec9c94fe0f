/** The pages of the app, by path. */
export type Route =
  | { readonly page: 'catalog' }
  | { readonly page: 'course'; readonly id: string }
  | { readonly page: 'cart' }
  | { readonly page: 'orders' }
  | { readonly page: 'order'; readonly id: string }
  | { readonly page: 'drills' }
  | { readonly page: 'not-found' };

export function routeOf(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'catalog' };
  if (parts[0] === 'courses' && parts[1] && parts.length === 2)
    return { page: 'course', id: parts[1] };
  if (parts[0] === 'cart' && parts.length === 1) return { page: 'cart' };
  if (parts[0] === 'orders' && parts.length === 1) return { page: 'orders' };
  if (parts[0] === 'drills' && parts.length === 1) return { page: 'drills' };
  if (parts[0] === 'orders' && parts[1] && parts.length === 2)
    return { page: 'order', id: parts[1] };
  return { page: 'not-found' };
}
