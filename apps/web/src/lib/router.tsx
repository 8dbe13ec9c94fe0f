import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

// A few routes and the History API are all this app needs; no router library.

interface Router {
  readonly path: string;
  readonly navigate: (to: string) => void;
}

const RouterContext = createContext<Router>({ path: '/', navigate: () => undefined });

export function RouterProvider({ children }: { readonly children: ReactNode }) {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => {
      setPath(window.location.pathname);
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to);
    setPath(new URL(to, window.location.origin).pathname);
  }, []);
  return <RouterContext value={{ path, navigate }}>{children}</RouterContext>;
}

export function useRouter(): Router {
  return useContext(RouterContext);
}

/** An ordinary link (open in a new tab works); a plain left click navigates in place. */
export function Link(props: {
  readonly to: string;
  readonly children: ReactNode;
  readonly className?: string;
}) {
  const { navigate, path } = useRouter();
  return (
    <a
      href={props.to}
      className={props.className}
      aria-current={path === props.to ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
          return;
        event.preventDefault();
        navigate(props.to);
      }}
    >
      {props.children}
    </a>
  );
}
