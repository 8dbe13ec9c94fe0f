import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { loadCart, saveCart, type CartItem } from './lib/cart';
import { loadSession, saveSession, type Session } from './lib/session';

interface AppState {
  readonly session: Session | undefined;
  readonly setSession: (session: Session | undefined) => void;
  readonly cart: readonly CartItem[];
  readonly addToCart: (item: CartItem) => void;
  readonly removeFromCart: (courseId: string) => void;
  readonly clearCart: () => void;
}

const AppStateContext = createContext<AppState | undefined>(undefined);

export function AppStateProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSessionState] = useState(loadSession);
  const [cart, setCart] = useState<readonly CartItem[]>(loadCart);
  const value = useMemo<AppState>(() => {
    const updateCart = (items: readonly CartItem[]) => {
      saveCart(items);
      setCart(items);
    };
    return {
      session,
      setSession: (next) => {
        saveSession(next);
        setSessionState(next);
      },
      cart,
      addToCart: (item) => {
        if (!cart.some((c) => c.courseId === item.courseId)) updateCart([...cart, item]);
      },
      removeFromCart: (courseId) => {
        updateCart(cart.filter((c) => c.courseId !== courseId));
      },
      clearCart: () => {
        updateCart([]);
      },
    };
  }, [session, cart]);
  return <AppStateContext value={value}>{children}</AppStateContext>;
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}
