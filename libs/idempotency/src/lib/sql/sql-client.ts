/**
 * The part of a Prisma Client (or of the `tx` of `$transaction`) this library
 * uses: raw SQL with positional parameters. Any service's generated client
 * fits, so the library needs none of them.
 */
export interface SqlClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}
