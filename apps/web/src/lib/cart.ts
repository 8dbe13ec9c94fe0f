// The cart: course ids and titles, kept for this tab (sessionStorage).

export interface CartItem {
  readonly courseId: string;
  readonly title: string;
}

const KEY = 'course-shop.cart';

export function loadCart(): CartItem[] {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as CartItem[]) : [];
}

export function saveCart(items: readonly CartItem[]): void {
  sessionStorage.setItem(KEY, JSON.stringify(items));
}

/** The payment service's test cards (apps/payment/README.md): what each token does. */
export const TEST_CARDS = [
  { token: 'tok_visa', label: 'Visa — approved' },
  { token: 'tok_mastercard', label: 'Mastercard — approved' },
  { token: 'tok_declined', label: 'Declined by the processor' },
  { token: 'tok_insufficient_funds', label: 'Declined: insufficient funds' },
  { token: 'tok_expired_card', label: 'Declined: card expired' },
  { token: 'tok_fraudulent', label: 'Declined: suspected fraud' },
  { token: 'tok_slow', label: 'Slow processor (the deadline passes first)' },
  { token: 'tok_processor_down', label: 'Processor down (nothing charged)' },
] as const;
