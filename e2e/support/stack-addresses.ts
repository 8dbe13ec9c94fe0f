import type { StackConfig } from '@shop/stack';

/** What the global setup hands to every e2e file (plain data: it crosses a worker boundary). */
export interface StackAddresses {
  readonly ports: Omit<StackConfig, 'STACK_DATA_DIR'>;
  readonly notStarted: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackAddresses;
  }
}
