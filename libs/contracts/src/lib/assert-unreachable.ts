/**
 * Ends an exhaustive `switch`: TypeScript rejects the call unless every case
 * was handled, and it throws if a value the types ruled out arrives anyway.
 */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
