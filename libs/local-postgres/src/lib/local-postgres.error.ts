/** Thrown when a local PostgreSQL cannot start; the message says what to change. */
export class LocalPostgresError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalPostgresError';
  }
}
