/** Anything that can run raw SQL the way a Prisma Client does. */
export interface RawQueryable {
  $queryRawUnsafe(query: string): Promise<unknown>;
}

/** The answer a health check reports. */
export type DatabaseReadiness =
  | { readonly ready: true; readonly latencyMs: number }
  | { readonly ready: false; readonly reason: string };

/**
 * Readiness probe: `SELECT 1`, answered within `timeoutMs` or reported as not
 * ready. Never throws, so a health endpoint can map it directly.
 */
export async function pingDatabase(
  db: RawQueryable,
  timeoutMs = 1_000,
): Promise<DatabaseReadiness> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer to SELECT 1 within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([db.$queryRawUnsafe('SELECT 1'), timeout]);
    return { ready: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ready: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
